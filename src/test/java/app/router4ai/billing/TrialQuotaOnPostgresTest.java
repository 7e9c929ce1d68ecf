package app.router4ai.billing;

import app.router4ai.support.OnPostgres;
import app.router4ai.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The trial on PostgreSQL (ledger sums, reconciliation, lazily created accounts). */
@PostgresTest
class TrialQuotaOnPostgresTest extends TrialQuotaTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        OnPostgres.configure(registry);
    }
}
