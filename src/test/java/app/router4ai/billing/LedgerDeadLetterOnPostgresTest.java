package app.router4ai.billing;

import app.router4ai.support.OnPostgres;
import app.router4ai.support.PostgresTest;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Dead letters on PostgreSQL, which also refuses a NUL in a text column. */
@PostgresTest
class LedgerDeadLetterOnPostgresTest extends LedgerDeadLetterTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        OnPostgres.configure(registry);
    }

    @Override
    protected List<UsageRow> badRows(TenantKey tenant) {
        return List.of(row(tenant, "m".repeat(300), 10, 5, new BigDecimal("0.0001")),
                row(tenant, "gpt-4o-mini", 10, 5, new BigDecimal("1e30")),
                row(tenant, "gpt-4o\u0000mini", 10, 5, new BigDecimal("0.0001")));
    }
}
