package app.router4ai.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against the PostgreSQL at {@code ROUTER_TEST_POSTGRES_URL}
 * (default jdbc:postgresql://127.0.0.1:5432/test, user postgres). Skipped with a message when none is
 * reachable, unless {@code ROUTER_REQUIRE_POSTGRES=true} (CI), where that is a failure.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresAvailable.class)
public @interface PostgresTest {
}
