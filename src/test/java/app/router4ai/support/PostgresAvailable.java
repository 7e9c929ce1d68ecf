package app.router4ai.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition behind {@link PostgresTest}. */
public class PostgresAvailable implements ExecutionCondition {

    public static final String URL = env("ROUTER_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("ROUTER_TEST_POSTGRES_USER", "postgres");
    /** One schema per test JVM, so runs never see each other's rows. */
    public static final String SCHEMA = "r4a_test_" + Long.toHexString(System.nanoTime());

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "3");
        try (Connection ignored = DriverManager.getConnection(URL, props)) {
            dropSchemaAtExit(props);
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + URL);
        } catch (SQLException e) {
            String why = "No PostgreSQL reachable at " + URL + " as " + USER + " (" + e.getMessage()
                    + "): PostgreSQL tests skipped. Set ROUTER_TEST_POSTGRES_URL, or start one.";
            if ("true".equalsIgnoreCase(System.getenv("ROUTER_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException(why + " ROUTER_REQUIRE_POSTGRES=true makes this a failure.");
            }
            return ConditionEvaluationResult.disabled(why);
        }
    }

    private static volatile boolean cleanupRegistered;

    private static synchronized void dropSchemaAtExit(Properties props) {
        if (cleanupRegistered) {
            return;
        }
        cleanupRegistered = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(URL, props)) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            } catch (SQLException ignored) {
                // The schema name is unique to this run; one left behind harms nothing.
            }
        }));
    }

    public static String jdbcUrl() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
