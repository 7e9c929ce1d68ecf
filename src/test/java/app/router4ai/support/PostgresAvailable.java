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
    public static final String SCHEMA = "r4a_test_" + System.currentTimeMillis() / 1000 + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
    private static final long STALE_AFTER_SECONDS = 3 * 3600;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "3");
        try (Connection ignored = DriverManager.getConnection(URL, props)) {
            dropStaleSchemas(props);
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

    private static volatile boolean cleanedUp;

    /**
     * Drops the schemas of earlier runs (their creation time is in their name) rather than this run's at
     * exit: a shutdown hook would race the application contexts still closing in other hooks.
     */
    private static synchronized void dropStaleSchemas(Properties props) {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        long cutoff = System.currentTimeMillis() / 1000 - STALE_AFTER_SECONDS;
        try (Connection c = DriverManager.getConnection(URL, props);
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'r4a\\_test\\_%'")) {
            java.util.List<String> stale = new java.util.ArrayList<>();
            while (rs.next()) {
                String name = rs.getString(1);
                String[] parts = name.split("_");
                if (parts.length >= 4 && parts[2].matches("\\d+") && Long.parseLong(parts[2]) < cutoff) {
                    stale.add(name);
                }
            }
            for (String name : stale) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        } catch (SQLException ignored) {
            // Leftover schemas of old runs harm nothing; this is housekeeping.
        }
    }

    public static String jdbcUrl() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
