package app.router4ai.billing;

import app.router4ai.support.OnPostgres;
import app.router4ai.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A provider's odd answers on PostgreSQL, which refuses a NUL and a value too long where H2 may not. */
@PostgresTest
class ProviderUsageOnPostgresTest extends ProviderUsageTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        OnPostgres.configure(registry);
    }
}
