package app.router4ai.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.LogCapture;
import app.router4ai.support.RawHttp;
import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Requests no HTTP client library would send, over a raw socket: what Jetty refuses before any
 * application code runs, broken bodies, and clients that go away. Under /v1/ and /admin/ every refusal
 * is an API error object (OpenAI's; Anthropic's on /v1/messages), and none of it makes an ERROR line or a
 * stack trace in the log.
 */
class MalformedHttpTest extends RouterTest {

    @DynamicPropertySource
    static void shortIdleTimeout(DynamicPropertyRegistry registry) {
        // a stalled upload is given up after this: short, so the test does not wait 75 s
        registry.add("server.jetty.connection-idle-timeout", () -> "2s");
    }

    static Stream<Arguments> refusedBeforeTheApplication() {
        return Stream.of(
                Arguments.of("a 70 KB header", 431, get("/v1/models", "X-Big: " + "a".repeat(70_000) + "\r\n")),
                Arguments.of("2,000 headers", 431, get("/v1/models", manyHeaders(2000))),
                Arguments.of("a control character in a header", 400, get("/v1/models", "X-Odd: a\u0001b\r\n")),
                Arguments.of("an absolute-form target for another host", 400,
                        "GET http://evil.example/v1/models HTTP/1.1\r\nHost: router.test\r\n\r\n"),
                Arguments.of("an encoded slash", 400, get("/v1/models/..%2f..%2fadmin", "")),
                Arguments.of("encoded dots", 400, get("/v1/models/%2e%2e/%2e%2e/actuator", "")),
                Arguments.of("a path parameter on ..", 400, get("/v1/models/..;/x", "")),
                Arguments.of("an encoded NUL", 400, get("/v1/models/a%00b", "")),
                Arguments.of("an encoded CR LF", 400, get("/v1/models/a%0d%0ab", "")),
                Arguments.of("an empty segment", 400, get("/v1//models", "")),
                Arguments.of("a double-encoded dot", 400, get("/v1/models/%252e%252e/x", "")),
                Arguments.of("an empty segment under /admin", 400, get("/admin//v1/tenants", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBeforeTheApplication")
    void jettysRefusalsUnderTheApiAreOpenAiErrors(String what, int status, String request) {
        try (LogCapture log = new LogCapture()) {
            RawHttp.Response response = RawHttp.exchange(port, request);

            assertThat(response.status()).as(response.body()).isEqualTo(status);
            assertThat(response.contentType()).startsWith("application/json");
            assertOpenAiError(response, status < 500 ? "invalid_request_error" : "server_error");
            assertThat(log.loud()).isEmpty();
        }
    }

    @Test
    void anthropicsSurfaceGetsAnthropicsShapeFromJettyToo() {
        RawHttp.Response response = RawHttp.exchange(port, "POST /v1/messages HTTP/1.1\r\nHost: router.test\r\n"
                + "X-Big: " + "a".repeat(70_000) + "\r\nContent-Length: 0\r\n\r\n");

        assertThat(response.status()).isEqualTo(431);
        JsonNode body = readJson(response.body());
        assertThat(body.get("type").asText()).as(response.body()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.at("/error/message").asText()).isNotBlank();
    }

    @Test
    void aBogusChunkSizeIs400NotAnInternalError() {
        TenantKey tenant = newTenantKey();
        try (LogCapture log = new LogCapture()) {
            RawHttp.Response response = RawHttp.exchange(port, "POST /v1/chat/completions HTTP/1.1\r\nHost: router.test\r\n"
                    + "Authorization: Bearer " + tenant.key() + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nZZZ\r\n{\"model\":\r\n0\r\n\r\n");

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertOpenAiError(response, "invalid_request_error");
            assertThat(log.loud()).isEmpty();
        }
        // the same on the admin API, whose bodies are read by another path
        try (LogCapture log = new LogCapture()) {
            RawHttp.Response admin = RawHttp.exchange(port, "POST /admin/v1/tenants HTTP/1.1\r\nHost: router.test\r\n"
                    + "Authorization: Bearer " + ADMIN_TOKEN + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nZZZ\r\n{\"name\":\r\n0\r\n\r\n");
            assertThat(admin.status()).as(admin.body()).isEqualTo(400);
            assertOpenAiError(admin, "invalid_request_error");
            assertThat(log.loud()).isEmpty();
        }
        assertThat(OPENAI.received()).isEmpty();
    }

    @Test
    void clientsThatGoAwayMidBodyLeaveAtMostADebugLine() {
        TenantKey tenant = newTenantKey();
        try (LogCapture log = new LogCapture(RequestBodyLogger.NAME)) {
            for (String path : new String[] {"/v1/chat/completions", "/admin/v1/tenants"}) {
                String auth = path.startsWith("/admin") ? ADMIN_TOKEN : tenant.key();
                try (RawHttp http = new RawHttp(port)) {
                    http.send("POST " + path + " HTTP/1.1\r\nHost: router.test\r\nAuthorization: Bearer " + auth
                            + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"model\":");
                    // gone before the rest of the body
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> log.count(RequestBodyLogger.NAME, "could not be read") >= 2);
            assertThat(log.loud()).isEmpty();
        }
        assertThat(OPENAI.received()).isEmpty();
    }

    @Test
    void aStalledUploadTimesOutQuietly() {
        TenantKey tenant = newTenantKey();
        try (LogCapture log = new LogCapture(RequestBodyLogger.NAME);
             RawHttp http = new RawHttp(port)) {
            http.send("POST /v1/chat/completions HTTP/1.1\r\nHost: router.test\r\nAuthorization: Bearer " + tenant.key()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"model\":");
            // the client stalls: the server gives up after its idle timeout (2 s here)
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> log.count(RequestBodyLogger.NAME, "could not be read") >= 1);
            assertThat(log.loud()).isEmpty();
        }
        assertThat(OPENAI.received()).isEmpty();
    }

    private static void assertOpenAiError(RawHttp.Response response, String type) {
        assertThat(response.body()).doesNotContain("<html");
        JsonNode error = readJson(response.body()).get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
    }

    private static String get(String target, String extraHeaders) {
        return "GET " + target + " HTTP/1.1\r\nHost: router.test\r\n" + extraHeaders + "\r\n";
    }

    private static String manyHeaders(int count) {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            headers.append("X-H").append(i).append(": v\r\n");
        }
        return headers.toString();
    }

    /** The logger that notes a request body that could not be read (at DEBUG). */
    private static final class RequestBodyLogger {
        static final String NAME = "app.router4ai.api.RequestBody";
    }
}
