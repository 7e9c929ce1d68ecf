package app.router4ai.support;

import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.DeepSeekFixtures;
import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.GeminiFixtures;
import app.router4ai.provider.ProviderHealth;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A {@link RouterTest} whose Anthropic and Gemini providers are configured too, each a local fake that
 * speaks its provider's wire format. By default they give a plain text answer, streamed when the
 * request asks for a stream (Anthropic: {@code "stream":true} in the body; Gemini: the
 * {@code :streamGenerateContent} method in the path).
 */
public abstract class AllProvidersTest extends RouterTest {

    public static final String ANTHROPIC_KEY = "sk-ant-test-anthropic-provider-secret";
    public static final String GEMINI_KEY = "AIza-test-gemini-provider-secret";
    public static final String ANTHROPIC_TEXT = "Hello from Claude!";
    public static final String GEMINI_TEXT = "Hello from Gemini!";
    public static final int ANTHROPIC_COUNTED_TOKENS = 2095;

    protected static final FakeProvider ANTHROPIC = new FakeProvider(AllProvidersTest::anthropicAnswer);
    protected static final FakeProvider GEMINI = new FakeProvider(AllProvidersTest::geminiAnswer);
    /** DeepSeek: an OpenAI-compatible provider that is not OpenAI, with its own departures from OpenAI's format. */
    protected static final FakeProvider DEEPSEEK = new FakeProvider(AllProvidersTest::deepSeekAnswer);

    @Autowired
    private ProviderHealth health;

    @DynamicPropertySource
    static void anthropicAndGemini(DynamicPropertyRegistry registry) {
        registry.add("router.providers.anthropic.base-url", ANTHROPIC::url);
        registry.add("router.providers.anthropic.api-key", () -> ANTHROPIC_KEY);
        registry.add("router.providers.gemini.base-url", GEMINI::url);
        registry.add("router.providers.gemini.api-key", () -> GEMINI_KEY);
        registry.add("router.providers.deepseek.base-url", () -> DEEPSEEK.url() + "/v1");
    }

    /**
     * Fresh fakes, and closed breakers: the tests provoke provider failures on purpose, and an opened
     * breaker would turn the next test's call into a skipped candidate.
     */
    @BeforeEach
    void resetAnthropicAndGemini() {
        ANTHROPIC.reset(AllProvidersTest::anthropicAnswer);
        GEMINI.reset(AllProvidersTest::geminiAnswer);
        DEEPSEEK.reset(AllProvidersTest::deepSeekAnswer);
        for (String provider : List.of("openai", "deepseek", "anthropic", "gemini")) {
            health.breaker(provider).reset();
        }
    }

    /**
     * A well-behaved Anthropic: "Hello from Claude!" (12 input, 6 output tokens), streamed when asked; its
     * count_tokens counts {@link #ANTHROPIC_COUNTED_TOKENS}.
     */
    public static FakeResponse anthropicAnswer(FakeProvider.Received request) {
        JsonNode body = request.json();
        if (request.path().startsWith("/v1/messages/count_tokens")) {
            return FakeResponse.json(200, AnthropicFixtures.tokenCount(ANTHROPIC_COUNTED_TOKENS));
        }
        String model = body.path("model").asText();
        if (body.path("stream").asBoolean(false)) {
            return FakeResponse.sseText(AnthropicFixtures.textStream("msg_fake01", model,
                    List.of("Hello", " from", " Claude!"), 12, 6));
        }
        return FakeResponse.json(200, AnthropicFixtures.textMessage("msg_fake01", model, ANTHROPIC_TEXT, 12, 6));
    }

    /**
     * A well-behaved Gemini: "Hello from Gemini!" (10 prompt, 5 candidate tokens), streamed when asked; embeddings
     * for {@code :batchEmbedContents} (8 dimensions unless asked for others).
     */
    public static FakeResponse geminiAnswer(FakeProvider.Received request) {
        String model = geminiModel(request);
        if (request.path().contains(":batchEmbedContents")) {
            List<List<Double>> vectors = new java.util.ArrayList<>();
            for (JsonNode one : request.json().path("requests")) {
                vectors.add(app.router4ai.fake.OpenAiFixtures.vectorOf(one.at("/content/parts/0/text").asText(),
                        one.path("outputDimensionality").asInt(8)));
            }
            return FakeResponse.json(200, GeminiFixtures.batchEmbeddings(vectors));
        }
        if (request.path().contains(":streamGenerateContent")) {
            return FakeResponse.sseText(GeminiFixtures.textStream("resp_fake01", model,
                    List.of("Hello", " from", " Gemini!"), 10, 5));
        }
        return FakeResponse.json(200, GeminiFixtures.textResponse("resp_fake01", model, GEMINI_TEXT, 10, 5));
    }

    /** A well-behaved DeepSeek: "Hello from DeepSeek!" (16 prompt, 10 completion tokens), streamed when asked. */
    public static FakeResponse deepSeekAnswer(FakeProvider.Received request) {
        JsonNode body = request.json();
        String model = body.path("model").asText();
        if (body.path("stream").asBoolean(false)) {
            return FakeResponse.sse(DeepSeekFixtures.streamEvents(model, List.of("Hello", " from", " DeepSeek!"), 16, 10));
        }
        return FakeResponse.json(200, DeepSeekFixtures.completion(model, "Hello from DeepSeek!", 16, 10));
    }

    /** The model of a Gemini request, from its path {@code /v1beta/models/{model}:{method}}. */
    protected static String geminiModel(FakeProvider.Received request) {
        String path = request.path();
        int start = path.indexOf("/models/") + "/models/".length();
        int colon = path.indexOf(':', start);
        return path.substring(start, colon < 0 ? path.length() : colon);
    }

    /** The {@code _ram} block of a completion or chunk read by the OpenAI Java client. */
    protected static JsonNode ram(Map<String, JsonValue> additionalProperties) {
        JsonValue ram = additionalProperties.get("_ram");
        if (ram == null) {
            throw new AssertionError("no _ram block in " + additionalProperties);
        }
        return ram.convert(JsonNode.class);
    }

    /** Every chunk of a streamed answer, read to the end with the OpenAI Java client. */
    protected static List<ChatCompletionChunk> streamed(OpenAIClient client, ChatCompletionCreateParams params) {
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            return stream.stream().toList();
        }
    }

    /** The content deltas of choice 0, joined. */
    protected static String streamedText(List<ChatCompletionChunk> chunks) {
        return chunks.stream().flatMap(c -> c.choices().stream()).filter(c -> c.index() == 0)
                .flatMap(c -> c.delta().content().stream()).reduce("", String::concat);
    }

    /** A streamed tool call put back together the way a client does: id and name once, arguments in fragments. */
    public record StreamedToolCall(String id, String name, List<String> argumentFragments) {
        public String arguments() {
            return String.join("", argumentFragments);
        }
    }

    /** The tool calls of choice 0 in a stream, by their index. */
    protected static Map<Long, StreamedToolCall> streamedToolCalls(List<ChatCompletionChunk> chunks) {
        Map<Long, StreamedToolCall> calls = new LinkedHashMap<>();
        chunks.stream().flatMap(c -> c.choices().stream()).filter(c -> c.index() == 0)
                .flatMap(c -> c.delta().toolCalls().stream().flatMap(List::stream))
                .forEach(delta -> {
                    StreamedToolCall call = calls.computeIfAbsent(delta.index(), i -> new StreamedToolCall(
                            delta.id().orElse(null), delta.function().flatMap(f -> f.name()).orElse(null), new java.util.ArrayList<>()));
                    delta.id().ifPresent(id -> {
                        if (!id.equals(call.id())) {
                            throw new AssertionError("tool call " + delta.index() + " changed its id to " + id);
                        }
                    });
                    delta.function().flatMap(f -> f.arguments()).filter(a -> !a.isEmpty())
                            .ifPresent(call.argumentFragments()::add);
                });
        return calls;
    }

    /** The finish_reason values of choice 0 in a stream, in order. */
    protected static List<String> streamedFinishReasons(List<ChatCompletionChunk> chunks) {
        return chunks.stream().flatMap(c -> c.choices().stream()).filter(c -> c.index() == 0)
                .flatMap(c -> c.finishReason().stream()).map(r -> r.asString()).toList();
    }

    /** The function every tool test offers: get_weather(city, unit). */
    protected static FunctionDefinition weatherFunction() {
        return FunctionDefinition.builder().name("get_weather").description("Current weather in a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                "city", Map.of("type", "string"),
                                "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build();
    }

    /** The parameters of {@link #weatherFunction()} as JSON, as a provider should receive them. */
    protected static JsonNode weatherParametersJson() {
        return readJson("""
                {"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},
                 "required":["city"]}""");
    }
}
