package app.router4ai.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition behind {@link RedisTest}: a PING answered within a second. */
public class RedisAvailable implements ExecutionCondition {

    public static final String URL = env("ROUTER_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    /** One key namespace per test JVM, so parallel runs sharing a Redis never see each other's limits. */
    public static final String PREFIX = "r4a-test-" + Long.toHexString(System.nanoTime()) + ":";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        URI uri = URI.create(URL);
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[64];
            InputStream in = socket.getInputStream();
            int n = in.read(reply);
            String answer = n <= 0 ? "" : new String(reply, 0, n, StandardCharsets.US_ASCII);
            if (answer.startsWith("+PONG") || answer.startsWith("-NOAUTH")) {
                return ConditionEvaluationResult.enabled("Redis reachable at " + URL);
            }
            return unavailable("answered '" + answer.trim() + "' to PING");
        } catch (IOException e) {
            return unavailable(e.toString());
        }
    }

    private static ConditionEvaluationResult unavailable(String detail) {
        String why = "No Redis reachable at " + URL + " (" + detail + "): Redis tests skipped. Set ROUTER_TEST_REDIS_URL, or start one.";
        if ("true".equalsIgnoreCase(System.getenv("ROUTER_REQUIRE_REDIS"))) {
            throw new IllegalStateException(why + " ROUTER_REQUIRE_REDIS=true makes this a failure.");
        }
        return ConditionEvaluationResult.disabled(why);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
