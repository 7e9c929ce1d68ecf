package app.router4ai.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Datasource settings that put a router test on PostgreSQL, in a schema of its own. */
public final class OnPostgres {

    private OnPostgres() {
    }

    public static void configure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresAvailable::jdbcUrl);
        registry.add("spring.datasource.username", () -> PostgresAvailable.USER);
        registry.add("spring.flyway.schemas", () -> PostgresAvailable.SCHEMA);
        registry.add("spring.flyway.create-schemas", () -> "true");
    }
}
