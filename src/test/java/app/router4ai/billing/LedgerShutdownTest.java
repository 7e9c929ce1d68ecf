package app.router4ai.billing;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.Router4aiApplication;
import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Graceful shutdown under load loses no row and bills none twice: a router of its own is closed (in this JVM, and by
 * SIGTERM in a process of its own) while streams and completions are in flight; afterwards the database holds one row
 * per request answered.
 */
class LedgerShutdownTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // The drills send every request at once: above the default 60-request burst a fast machine gets 429s for the
    // rest, which never reach the provider (CI saw it); the drill is about shutdown, not the tenant's rate limit.
    private static final String UNLIMITED_RPS = "--router.ratelimit.default-rps=10000";
    private static final String UNLIMITED_BURST = "--router.ratelimit.default-burst=10000";

    @Test
    void closingTheRouterWhileRequestsStreamLosesNoRow() throws Exception {
        String dataDir = Files.createTempDirectory("router4ai-shutdown").toString();
        try (FakeProvider openai = slowProvider()) {
            ConfigurableApplicationContext router = new SpringApplicationBuilder(Router4aiApplication.class).run(
                    "--server.port=0", "--router.data-dir=" + dataDir, "--router.admin-token=" + RouterTest.ADMIN_TOKEN,
                    "--router.providers.openai.base-url=" + openai.url() + "/v1", "--router.providers.openai.api-key=sk-test",
                    "--router.ledger.flush-interval=500ms", UNLIMITED_RPS, UNLIMITED_BURST, "--spring.jmx.enabled=false", "--camel.main.jmx-enabled=false");
            int port = ((WebServerApplicationContext) router).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            String tenant = post(http, port, "/admin/v1/tenants", "Bearer " + RouterTest.ADMIN_TOKEN,
                    "{\"name\":\"Shutdown\",\"email\":\"s@acme.test\"}").get("id").asText();
            String key = post(http, port, "/admin/v1/tenants/" + tenant + "/keys", "Bearer " + RouterTest.ADMIN_TOKEN, "{}")
                    .get("key").asText();

            int requests = 60;
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(chat(http, port, key, i % 2 == 0));
            }
            // Every request has reached the provider (streams are mid-way, completions waiting): now shut down.
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> openai.received().size() >= requests);
            long closeStart = System.nanoTime();
            router.close();
            System.out.printf("SHUTDOWN: closed with %d requests in flight in %.2f s%n", requests, (System.nanoTime() - closeStart) / 1e9);

            long answered = answers.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count();
            try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir + "/router4ai", "", "");
                 ResultSet rs = db.createStatement().executeQuery(
                         "SELECT COUNT(*), SUM(prompt_tokens + completion_tokens) FROM usage_records WHERE tenant_id = '" + tenant + "'")) {
                rs.next();
                assertThat(answered).isEqualTo(requests);
                assertThat(rs.getLong(1)).isEqualTo(requests);
                assertThat(rs.getLong(2)).isEqualTo(32L * requests);
            }
        }
    }

    /**
     * The drill an operator runs: a router in a process of its own gets SIGTERM while streams and completions are in
     * flight and more requests keep coming. Every request it answered has exactly one usage row, and nothing else does.
     */
    @Test
    void sigtermUnderLoadBillsEveryAnsweredRequestExactlyOnce() throws Exception {
        Path dataDir = Files.createTempDirectory("router4ai-sigterm");
        int port = freePort();
        try (FakeProvider openai = slowProvider()) {
            Path log = Path.of("target", "sigterm-router.log");
            Process router = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Router4aiApplication.class.getName(),
                    "--server.port=" + port, "--router.data-dir=" + dataDir, "--router.admin-token=" + RouterTest.ADMIN_TOKEN,
                    "--router.providers.openai.base-url=" + openai.url() + "/v1", "--router.providers.openai.api-key=sk-test",
                    UNLIMITED_RPS, UNLIMITED_BURST, "--spring.jmx.enabled=false", "--camel.main.jmx-enabled=false")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                Awaitility.await().atMost(180, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(250))
                        .ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
                String tenant = post(http, port, "/admin/v1/tenants", "Bearer " + RouterTest.ADMIN_TOKEN,
                        "{\"name\":\"Sigterm\",\"email\":\"t@acme.test\"}").get("id").asText();
                String key = post(http, port, "/admin/v1/tenants/" + tenant + "/keys", "Bearer " + RouterTest.ADMIN_TOKEN, "{}")
                        .get("key").asText();

                int inFlight = 120;
                List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < inFlight; i++) {
                    answers.add(chat(http, port, key, i % 2 == 0));
                }
                Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> openai.received().size() >= inFlight);
                router.destroy();   // SIGTERM
                for (int i = 0; i < 20; i++) {
                    answers.add(chat(http, port, key, i % 2 == 0));   // arriving while it drains: served or refused
                }
                assertThat(router.waitFor(120, TimeUnit.SECONDS)).as("the router exits after draining").isTrue();

                List<String> billed = new ArrayList<>();
                for (CompletableFuture<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.handle((r, failure) -> r).join();
                    if (response != null && response.statusCode() == 200) {
                        billed.add(response.headers().firstValue("x-request-id").orElseThrow());
                    }
                }
                assertThat(billed.size()).as("every request in flight at SIGTERM was answered").isGreaterThanOrEqualTo(inFlight);
                try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir + "/router4ai", "", "");
                     ResultSet rs = db.createStatement().executeQuery(
                             "SELECT request_id FROM usage_records WHERE tenant_id = '" + tenant + "'")) {
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                    assertThat(rows).containsExactlyInAnyOrderElementsOf(billed);
                }
            } finally {
                router.destroyForcibly();
            }
        }
    }

    /** Streams of five events 200 ms apart, and completions answered after 800 ms: all still open at shutdown. */
    private static FakeProvider slowProvider() {
        return new FakeProvider(request -> request.json().path("stream").asBoolean(false)
                ? FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("a", "b", "c", "d", "e"), 14, 18)).spaced(200)
                : FakeResponse.json(200, OpenAiFixtures.completion("gpt-4o-mini", "ok", 14, 18)).delayed(800));
    }

    private static CompletableFuture<HttpResponse<String>> chat(HttpClient http, int port, String key, boolean stream) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\"" + (stream ? ",\"stream\":true" : "")
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static JsonNode post(HttpClient http, int port, String path, String auth, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }
}
