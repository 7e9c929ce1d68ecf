package app.router4ai.billing;

import app.router4ai.support.OnPostgres;
import app.router4ai.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Usage reports on PostgreSQL (also runs the V4 migration there). */
@PostgresTest
class UsageReportsOnPostgresTest extends UsageReportsContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        OnPostgres.configure(registry);
    }
}
