package app.router4ai.demo;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.auth.ApiKeyFormat;
import app.router4ai.auth.ApiKeyService;
import app.router4ai.tenant.TenantStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Demo mode answers Claude and Gemini models with no provider account: the fake providers are routes
 * of the router itself, and their URLs name the router's own port, so the port is fixed up front.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("demo")
class DemoProfileTest {

    private static final int PORT = freePort();
    private static Path dataDir;

    @Autowired
    private TenantStore tenants;

    @Autowired
    private ApiKeyService keys;

    @Autowired
    private DemoBootstrap bootstrap;

    @Autowired
    private JdbcTemplate jdbc;

    private OpenAIClient client;

    @DynamicPropertySource
    static void demoProperties(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory("router4ai-demo-test");
        registry.add("server.port", () -> PORT);
        registry.add("router.data-dir", dataDir::toString);
    }

    /** The demo key is printed, not returned: the test makes its own. */
    @BeforeEach
    void client() {
        String key = keys.create(tenants.create("Demo test", "demo-test@router4ai.invalid").id(), "demo-test").fullKey();
        client = OpenAIOkHttpClient.builder().apiKey(key).baseUrl("http://127.0.0.1:" + PORT + "/v1").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"claude-haiku-4-5, anthropic", "gemini-1.5-flash, gemini"})
    void claudeAndGeminiModelsAnswerInDemoModeStreamedAndNot(String model, String provider) {
        String reply = provider.equals("anthropic") ? DemoAnthropicProvider.REPLY : DemoGeminiProvider.REPLY;
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(model).addUserMessage("Hello").build();

        ChatCompletion completion = client.chat().completions().create(params);

        assertThat(completion.model()).as("the demo provider saw the model").isEqualTo(model);
        assertThat(completion.choices().getFirst().message().content()).contains(reply);
        assertThat(completion.choices().getFirst().finishReason().asString()).isEqualTo("stop");
        JsonNode ram = completion._additionalProperties().get("_ram").convert(JsonNode.class);
        assertThat(ram.get("provider_used").asText()).isEqualTo(provider);
        assertThat(ram.get("failover_count").asInt()).isZero();
        assertThat(ram.get("cost_billed_cents_usd").decimalValue()).isPositive();

        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params.toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            chunks = stream.stream().toList();
        }
        String text = chunks.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.delta().content().stream())
                .reduce("", String::concat);
        assertThat(text).isEqualTo(reply);
        ChatCompletionChunk last = chunks.getLast();
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(reply.split(" ").length);
        JsonNode streamRam = last._additionalProperties().get("_ram").convert(JsonNode.class);
        assertThat(streamRam.get("provider_used").asText()).isEqualTo(provider);
        assertThat(streamRam.get("failover_count").asInt()).isZero();
    }

    @Test
    void aRestartOnTheSameDataDirectoryPrintsTheSameWorkingKeyInsteadOfMintingAnother() throws Exception {
        Path file = dataDir.resolve(DemoBootstrap.KEY_FILE);
        String atStart = Files.readString(file).strip();
        int tenantsAtStart = demoTenants();

        String afterRestart = bootstrap.demoKey(file);

        assertThat(afterRestart).isEqualTo(atStart);
        assertThat(demoTenants()).as("no new demo tenant").isEqualTo(tenantsAtStart);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(modelsStatus(afterRestart)).as("the README's first call works with the key in the file").isEqualTo(200);
    }

    @Test
    void aDemoKeyThatNoLongerWorksIsReplacedAndTheFileUpdated() throws Exception {
        Path file = dataDir.resolve(DemoBootstrap.KEY_FILE);
        String old = bootstrap.demoKey(file);
        keys.revoke(ApiKeyFormat.parse(old).id());

        String fresh = bootstrap.demoKey(file);

        assertThat(fresh).isNotEqualTo(old);
        assertThat(Files.readString(file).strip()).isEqualTo(fresh);
        assertThat(modelsStatus(fresh)).isEqualTo(200);
        assertThat(modelsStatus(old)).isEqualTo(401);
    }

    private int demoTenants() {
        return jdbc.queryForObject("select count(*) from tenants where email = 'demo@router4ai.invalid'", Integer.class);
    }

    private static int modelsStatus(String key) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/v1/models"))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"text-embedding-3-small, openai", "gemini-embedding-001, gemini"})
    void embeddingsAnswerInDemoMode(String model, String provider) {
        CreateEmbeddingResponse embeddings = client.embeddings().create(EmbeddingCreateParams.builder().model(model)
                .inputOfArrayOfStrings(List.of("a", "b", "a")).dimensions(16).encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                .build());

        assertThat(embeddings.data()).hasSize(3);
        assertThat(embeddings.data().getFirst().embedding()).hasSize(16).isEqualTo(embeddings.data().get(2).embedding());
        assertThat(embeddings._additionalProperties().get("_ram").convert(JsonNode.class).get("provider_used").asText())
                .isEqualTo(provider);
    }

    @org.junit.jupiter.api.Test
    void theResponsesApiAnswersInDemoMode() {
        Response response = client.responses().create(ResponseCreateParams.builder().model("claude-haiku-4-5").input("Hello").build());

        assertThat(response.output().getFirst().asMessage().content().getFirst().asOutputText().text())
                .isEqualTo(DemoAnthropicProvider.REPLY);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
