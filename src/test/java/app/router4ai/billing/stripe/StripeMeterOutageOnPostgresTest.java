package app.router4ai.billing.stripe;

import app.router4ai.support.OnPostgres;
import app.router4ai.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The meter-event outbox on PostgreSQL (same-transaction writes, leased claims). */
@PostgresTest
class StripeMeterOutageOnPostgresTest extends StripeMeterOutageTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        OnPostgres.configure(registry);
    }
}
