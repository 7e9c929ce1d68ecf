package app.router4ai.responses;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.GeminiFixtures;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.support.AllProvidersTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The official Java client's Responses API ({@code client.responses()}) against the router, for an OpenAI, an
 * Anthropic and a Gemini upstream: a plain answer, a stream read with the SDK's {@link ResponseAccumulator}, a
 * function call and its output sent back with {@code previous_response_id}, a json_schema format, a conversation
 * continued with {@code previous_response_id}; each billed on the ledger as a {@code responses} row.
 */
class ResponsesClientTest extends AllProvidersTest {

    /** One upstream: its model, its fake, its default answer, and how to script a function call on it. */
    record Upstream(String name, String model, String text, long inputTokens, long outputTokens,
                    Function<String, FakeResponse> toolCall, Function<String, FakeResponse> streamedToolCall,
                    Function<String, FakeResponse> jsonText) {
        FakeProvider fake() {
            return switch (name) {
                case "anthropic" -> ANTHROPIC;
                case "gemini" -> GEMINI;
                default -> OPENAI;
            };
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final String ARGS = "{\"city\":\"Paris\"}";
    static final String WEATHER_JSON = "{\"city\":\"Paris\",\"celsius\":18}";

    static Stream<Upstream> upstreams() {
        return Stream.of(
                new Upstream("openai", "gpt-4o-mini", "Hello there!", 14, 18,
                        m -> FakeResponse.json(200, OpenAiFixtures.toolCallCompletion(m, "call_w1", "get_weather", ARGS, 20, 9)),
                        m -> FakeResponse.sse(OpenAiFixtures.toolCallStreamEvents(m, "call_w1", "get_weather",
                                List.of("{\"city\"", ":\"Paris\"}"), 20, 9)),
                        m -> FakeResponse.json(200, OpenAiFixtures.completion(m, WEATHER_JSON.replace("\"", "\\\""), 20, 9))),
                new Upstream("anthropic", "claude-haiku-4-5", ANTHROPIC_TEXT, 12, 6,
                        m -> FakeResponse.json(200, AnthropicFixtures.toolUseMessage("msg_t1", m, "call_w1", "get_weather", ARGS, 20, 9)),
                        m -> FakeResponse.sseText(AnthropicFixtures.toolUseStream("msg_t1", m, "call_w1", "get_weather",
                                List.of("{\"city\"", ":\"Paris\"}"), 20, 9)),
                        // the router asks Claude for a json_schema through a forced json_response tool
                        m -> FakeResponse.json(200, AnthropicFixtures.toolUseMessage("msg_j1", m, "toolu_j1", "json_response",
                                WEATHER_JSON, 20, 9))),
                new Upstream("gemini", "gemini-1.5-flash", GEMINI_TEXT, 10, 5,
                        m -> FakeResponse.json(200, GeminiFixtures.functionCallResponse("r1", m, "get_weather", ARGS, 20, 9)),
                        m -> FakeResponse.sseText(GeminiFixtures.functionCallStream("r1", m, "get_weather", ARGS, 20, 9)),
                        m -> FakeResponse.json(200, GeminiFixtures.textResponse("r2", m, WEATHER_JSON, 20, 9))));
    }

    @Autowired
    JdbcTemplate jdbc;

    TenantKey tenant;
    OpenAIClient client;

    @BeforeEach
    void tenant() {
        tenant = newTenantKey();
        client = openAi(tenant.key());
    }

    @ParameterizedTest
    @MethodSource("upstreams")
    void aPlainAnswerIsAResponseObjectWithUsageAndRam(Upstream upstream) {
        Response response = client.responses().create(ResponseCreateParams.builder().model(upstream.model())
                .instructions("Be brief.").input("Hello").build());

        assertThat(response.id()).startsWith("resp_");
        assertThat(text(response)).isEqualTo(upstream.text());
        assertThat(response.status()).hasValueSatisfying(s -> assertThat(s.asString()).isEqualTo("completed"));
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(upstream.inputTokens());
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(upstream.outputTokens());
        assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(upstream.inputTokens() + upstream.outputTokens());
        assertThat(response._additionalProperties().get("output_text").asStringOrThrow()).isEqualTo(upstream.text());
        JsonNode ram = ram(response._additionalProperties());
        assertThat(ram.get("provider_used").asText()).isEqualTo(upstream.name());
        assertThat(ram.get("cost_billed_cents_usd").decimalValue()).isPositive();
        String received = upstream.fake().last().json().toString();
        assertThat(received).contains("Be brief.").contains("Hello");

        JsonNode row = ledgerRow(ram.get("request_id").asText());
        assertThat(row.get("surface").asText()).isEqualTo("responses");
        assertThat(row.get("provider").asText()).isEqualTo(upstream.name());
        assertThat(row.get("prompt_tokens").asLong()).isEqualTo(upstream.inputTokens());
        assertThat(row.get("completion_tokens").asLong()).isEqualTo(upstream.outputTokens());
        JsonNode usage = readJson(send("GET", "/v1/usage", "Bearer " + tenant.key(), null).body());
        assertThat(usage.at("/total/requests").asInt()).isEqualTo(1);
        assertThat(usage.at("/by_model/0/model").asText()).isEqualTo(upstream.model());
        assertThat(usage.at("/total/cost_cents_usd").decimalValue()).isEqualByComparingTo(ram.get("cost_billed_cents_usd").decimalValue());
    }

    @ParameterizedTest
    @MethodSource("upstreams")
    void aStreamReadWithTheSdkHelperEndsInTheWholeResponse(Upstream upstream) {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model(upstream.model()).input("Hello").build())) {
            stream.stream().forEach(event -> events.add(accumulator.accumulate(event)));
        }
        Response response = accumulator.response();

        assertThat(text(response)).isEqualTo(upstream.text());
        assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(upstream.inputTokens() + upstream.outputTokens());
        assertThat(events.getFirst().isCreated()).isTrue();
        assertThat(events.getLast().isCompleted()).isTrue();
        JsonNode ram = ram(events.getLast().asCompleted().response()._additionalProperties());
        assertThat(ram.get("provider_used").asText()).isEqualTo(upstream.name());
        assertThat(ledgerRow(ram.get("request_id").asText()).get("stream").asBoolean()).isTrue();
        // stored when it completed: it can be read back
        assertThat(client.responses().retrieve(response.id()).id()).isEqualTo(response.id());
    }

    @ParameterizedTest
    @MethodSource("upstreams")
    void aFunctionCallAndItsOutputMakeARoundTrip(Upstream upstream) {
        upstream.fake().enqueue(upstream.toolCall().apply(upstream.model()));
        Response call = client.responses().create(ResponseCreateParams.builder().model(upstream.model())
                .input("What's the weather in Paris?").addTool(weatherTool()).build());

        ResponseFunctionToolCall functionCall = call.output().stream().flatMap(o -> o.functionCall().stream()).findFirst().orElseThrow();
        assertThat(functionCall.name()).isEqualTo("get_weather");
        assertThat(readJson(functionCall.arguments())).isEqualTo(readJson(ARGS));
        assertThat(functionCall.callId()).isNotBlank();
        JsonNode offered = upstream.fake().last().json();
        assertThat(offered.toString()).contains("get_weather").contains("Current weather in a city");

        Response answer = client.responses().create(ResponseCreateParams.builder().model(upstream.model())
                .previousResponseId(call.id()).addTool(weatherTool())
                .inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                        .callId(functionCall.callId()).output("18C and sunny").build())))
                .build());

        assertThat(text(answer)).isEqualTo(upstream.text());
        String received = upstream.fake().last().json().toString();
        assertThat(received).contains("What's the weather in Paris?").contains("18C and sunny").contains("get_weather");
        if (!upstream.name().equals("gemini")) {   // Gemini has no call ids: it matches results by function name
            assertThat(received).contains(functionCall.callId());
        }
    }

    @ParameterizedTest
    @MethodSource("upstreams")
    void aStreamedFunctionCallArrivesWholeInItsOutputItemDone(Upstream upstream) {
        upstream.fake().enqueue(upstream.streamedToolCall().apply(upstream.model()));
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        List<ResponseStreamEvent> done = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ResponseCreateParams.builder()
                .model(upstream.model()).input("Weather in Paris?").addTool(weatherTool()).build())) {
            stream.stream().map(accumulator::accumulate).filter(ResponseStreamEvent::isOutputItemDone).forEach(done::add);
        }
        ResponseOutputItem item = done.getLast().asOutputItemDone().item();
        assertThat(item.isFunctionCall()).isTrue();
        assertThat(item.asFunctionCall().name()).isEqualTo("get_weather");
        assertThat(readJson(item.asFunctionCall().arguments())).isEqualTo(readJson(ARGS));
        assertThat(accumulator.response().output()).anySatisfy(o -> assertThat(o.isFunctionCall()).isTrue());
    }

    @ParameterizedTest
    @MethodSource("upstreams")
    void aJsonSchemaFormatReachesTheProvider(Upstream upstream) {
        // pinned: a provider that cannot honour the format must not be passed over silently in this test
        ResponseCreateParams params = ResponseCreateParams.builder().model(upstream.name() + ":" + upstream.model())
                .input("Weather in Paris as JSON")
                .text(ResponseTextConfig.builder().format(ResponseFormatTextJsonSchemaConfig.builder().name("weather")
                        .schema(ResponseFormatTextJsonSchemaConfig.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                        "city", Map.of("type", "string"), "celsius", Map.of("type", "integer"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city", "celsius")))
                                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                                .build())
                        .strict(true).build()).build())
                .build();
        upstream.fake().enqueue(upstream.jsonText().apply(upstream.model()));
        Response response = client.responses().create(params);

        assertThat(readJson(text(response))).isEqualTo(readJson(WEATHER_JSON));
        JsonNode sent = upstream.fake().last().json();
        JsonNode schema = switch (upstream.name()) {
            case "gemini" -> sent.at("/generationConfig").has("responseJsonSchema") ? sent.at("/generationConfig/responseJsonSchema")
                    : sent.at("/generationConfig/responseSchema");
            case "anthropic" -> sent.at("/tools/0/input_schema");
            default -> sent.at("/response_format/json_schema/schema");
        };
        assertThat(schema.at("/required")).hasSize(2);
        assertThat(response.text().orElseThrow().format().orElseThrow().isJsonSchema()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("upstreams")
    void previousResponseIdContinuesTheConversation(Upstream upstream) {
        Response first = client.responses().create(ResponseCreateParams.builder().model(upstream.model())
                .instructions("You are terse.").input("My name is Ada.").build());
        Response second = client.responses().create(ResponseCreateParams.builder().model(upstream.model())
                .previousResponseId(first.id()).input("What is my name?").build());

        assertThat(second.previousResponseId()).contains(first.id());
        String received = upstream.fake().last().json().toString();
        int name = received.indexOf("My name is Ada.");
        int answer = received.indexOf(upstream.text(), name);
        int question = received.indexOf("What is my name?", answer);
        assertThat(name).isNotNegative();
        assertThat(answer).isGreaterThan(name);
        assertThat(question).isGreaterThan(answer);
        // instructions are not carried over to the next response, as OpenAI does
        assertThat(received).doesNotContain("You are terse.");
        assertThat(upstream.fake().received()).hasSize(2);
    }

    private static FunctionTool weatherTool() {
        return FunctionTool.builder().name("get_weather").description("Current weather in a city").strict(false)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build();
    }

    /** The text of every output_text part, as a client joins it. */
    static String text(Response response) {
        return response.output().stream().flatMap(o -> o.message().stream()).flatMap(m -> m.content().stream())
                .flatMap(c -> c.outputText().stream()).map(t -> t.text()).reduce("", String::concat);
    }

    JsonNode ledgerRow(String requestId) {
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM usage_records WHERE request_id = ?", Integer.class, requestId) == 1);
        Map<String, Object> row = jdbc.queryForMap("SELECT surface, provider, prompt_tokens, completion_tokens, cost_cents, stream"
                + " FROM usage_records WHERE request_id = ?", requestId);
        java.util.Map<String, Object> lower = new java.util.HashMap<>();
        row.forEach((k, v) -> lower.put(k.toLowerCase(), v instanceof BigDecimal d ? d.toPlainString() : v));
        return JSON.valueToTree(lower);
    }
}
