package app.router4ai.support;

import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running router (random port) whose OpenAI provider is a local fake. DeepSeek has a key; where it
 * points is the subclass's choice, as is the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RouterTest {

    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String OPENAI_KEY = "sk-test-openai-provider-secret";
    protected static final FakeProvider OPENAI = new FakeProvider(RouterTest::defaultAnswer);
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void routerProperties(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = Files.createTempDirectory("router4ai-test").toString();
        registry.add("router.data-dir", () -> dataDir);
        registry.add("router.providers.openai.base-url", () -> OPENAI.url() + "/v1");
        registry.add("router.providers.openai.api-key", () -> OPENAI_KEY);
        registry.add("router.providers.deepseek.api-key", () -> "sk-test-deepseek-provider-secret");
        registry.add("router.admin-token", () -> ADMIN_TOKEN);
    }

    @BeforeEach
    void resetFakes() {
        OPENAI.reset(RouterTest::defaultAnswer);
    }

    /**
     * A well-behaved OpenAI: a completion, or a stream with usage, for any model; on its other endpoints
     * embeddings (8 dimensions unless asked for others, 2 tokens an input), a legacy completion, a moderation.
     */
    public static FakeResponse defaultAnswer(FakeProvider.Received request) {
        JsonNode body = request.json();
        String model = body.path("model").asText();
        if (request.path().endsWith("/embeddings")) {
            List<String> inputs = new java.util.ArrayList<>();
            if (body.path("input").isTextual()) {
                inputs.add(body.get("input").asText());
            } else {
                body.path("input").forEach(input -> inputs.add(input.isTextual() ? input.asText() : input.toString()));
            }
            return FakeResponse.json(200, OpenAiFixtures.embeddings(model, inputs, body.path("dimensions").asInt(8), 2 * inputs.size()));
        }
        if (request.path().endsWith("/completions") && !request.path().endsWith("/chat/completions")) {
            return body.path("stream").asBoolean(false)
                    ? FakeResponse.sse(OpenAiFixtures.textCompletionStreamEvents(model, List.of("Once", " upon", " a time"), 5, 4))
                    : FakeResponse.json(200, OpenAiFixtures.textCompletion(model, "Once upon a time", 5, 4));
        }
        if (request.path().endsWith("/moderations")) {
            return FakeResponse.json(200, OpenAiFixtures.moderation(model, false));
        }
        if (body.path("stream").asBoolean(false)) {
            return FakeResponse.sse(OpenAiFixtures.streamEvents(model, List.of("Hello", " there", "!"), 14, 18));
        }
        return FakeResponse.json(200, OpenAiFixtures.completion(model, "Hello there!", 14, 18));
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected OpenAIClient openAi(String apiKey) {
        return OpenAIOkHttpClient.builder().apiKey(apiKey).baseUrl(baseUrl() + "/v1").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    /** A new tenant with one key, through the admin API. */
    protected TenantKey newTenantKey() {
        JsonNode tenant = admin("POST", "/admin/v1/tenants", "{\"name\":\"Acme\",\"email\":\"ops@acme.test\"}", 201);
        JsonNode key = admin("POST", "/admin/v1/tenants/" + tenant.get("id").asText() + "/keys", "{\"name\":\"ci\"}", 201);
        return new TenantKey(tenant.get("id").asText(), key.get("id").asText(), key.get("key").asText());
    }

    public record TenantKey(String tenantId, String keyId, String key) {
    }

    protected JsonNode admin(String method, String path, String body, int expectedStatus) {
        HttpResponse<String> response = send(method, path, "Bearer " + ADMIN_TOKEN, body);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return readJson(response.body());
    }

    protected HttpResponse<String> send(String method, String path, String authorization, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> chat(String key, String body, String... headers) {
        return send("POST", "/v1/chat/completions", "Bearer " + key, body, headers);
    }

    protected static JsonNode readJson(String text) {
        if (text == null || text.isEmpty()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** A port nothing listens on: a provider pointed there refuses connections. */
    protected static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
