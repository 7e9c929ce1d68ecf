package app.router4ai.chat;

import app.router4ai.support.OnPostgres;
import app.router4ai.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway contract on PostgreSQL. */
@PostgresTest
class GatewayOnPostgresTest extends GatewayContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        OnPostgres.configure(registry);
    }
}
