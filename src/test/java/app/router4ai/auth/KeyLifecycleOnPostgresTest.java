package app.router4ai.auth;

import app.router4ai.support.OnPostgres;
import app.router4ai.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The key lifecycle on PostgreSQL. */
@PostgresTest
class KeyLifecycleOnPostgresTest extends KeyLifecycleContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        OnPostgres.configure(registry);
    }
}
