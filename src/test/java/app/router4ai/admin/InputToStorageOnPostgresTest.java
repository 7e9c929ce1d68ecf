package app.router4ai.admin;

import app.router4ai.support.OnPostgres;
import app.router4ai.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Input that would reach the database, on PostgreSQL. */
@PostgresTest
class InputToStorageOnPostgresTest extends InputToStorageContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        OnPostgres.configure(registry);
    }
}
