package app.router4ai.requestlog;

import app.router4ai.support.OnPostgres;
import app.router4ai.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The request log on PostgreSQL (also runs the V18 migration there). */
@PostgresTest
class RequestLogOnPostgresTest extends RequestLogContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        OnPostgres.configure(registry);
    }
}
