package app.router4ai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.GeminiFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code response_format: json_schema} is translated where a provider can express it (Anthropic: a forced tool whose
 * input schema is the schema, its input returned as the message text; Gemini before 2.5: {@code responseSchema}),
 * so the requested model answers. What a
 * provider cannot express skips it visibly: {@code _ram.attempts}, the {@code x-ram-skipped} header and the
 * {@code router_candidates_skipped_total} metric say so, never a different provider's answer passed off as a
 * first try.
 */
class StructuredOutputTest extends ProviderE2ETest {

    private static final String WEATHER = "{\"city\":\"Paris\",\"celsius\":21}";

    @Autowired
    MeterRegistry meters;

    /** Answers as Claude does when a tool is forced: one tool_use block of that tool, stop_reason tool_use. */
    @BeforeEach
    void claudeUsesTheForcedTool() {
        ANTHROPIC.answerWith(request -> {
            JsonNode body = request.json();
            String forced = body.path("tool_choice").path("name").asText(null);
            if (forced == null) {
                return anthropicAnswer(request);
            }
            if (body.path("stream").asBoolean(false)) {
                return FakeResponse.sseText(AnthropicFixtures.toolUseStream("msg_json01", "claude-haiku-4-5", "toolu_json",
                        forced, List.of("{\"city\":", "\"Paris\",\"celsius\":21}"), 30, 12));
            }
            return FakeResponse.json(200, AnthropicFixtures.toolUseMessage("msg_json01", "claude-haiku-4-5", "toolu_json",
                    forced, WEATHER, 30, 12));
        });
    }

    @Test
    void aJsonSchemaRequestToClaudeIsAnsweredByClaudeAsJsonText() {
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(weatherAsJson("claude-haiku-4-5"));
        ChatCompletion completion = raw.parse();

        JsonNode ram = ram(completion._additionalProperties());
        assertThat(ram.get("provider_used").asText()).isEqualTo("anthropic");
        assertThat(ram.get("failover_count").asInt()).isZero();
        assertThat(ram.has("attempts")).as("one attempt: nothing more to say").isFalse();
        assertThat(raw.headers().values("x-ram-skipped")).isEmpty();
        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(readJson(choice.message().content().orElseThrow())).isEqualTo(readJson(WEATHER));
            assertThat(choice.message().toolCalls()).isEmpty();
            assertThat(choice.finishReason().asString()).isEqualTo("stop");
        });
        assertThat(OPENAI.received()).isEmpty();

        JsonNode sent = ANTHROPIC.last().json();
        assertThat(sent.get("tools")).singleElement().satisfies(tool -> {
            assertThat(tool.get("name").asText()).isEqualTo("json_response");
            assertThat(tool.get("input_schema")).isEqualTo(weatherSchemaJson());
        });
        assertThat(sent.get("tool_choice")).isEqualTo(readJson("{\"type\":\"tool\",\"name\":\"json_response\"}"));
    }

    @Test
    void aStreamedJsonSchemaAnswerFromClaudeIsStreamedAsText() {
        List<ChatCompletionChunk> chunks = streamed(client, weatherAsJson("claude-haiku-4-5"));

        assertThat(readJson(streamedText(chunks))).isEqualTo(readJson(WEATHER));
        assertThat(streamedToolCalls(chunks)).isEmpty();
        assertThat(streamedFinishReasons(chunks)).containsExactly("stop");
        assertThat(ANTHROPIC.last().json().path("tool_choice").path("name").asText()).isEqualTo("json_response");
        assertThat(OPENAI.received()).isEmpty();
    }

    @Test
    void aJsonSchemaRequestToGemini15GoesAsItsResponseSchema() {
        GEMINI.enqueue(FakeResponse.json(200, GeminiFixtures.textResponse("resp_json1", "gemini-1.5-pro", WEATHER, 30, 12)));

        ChatCompletion completion = client.chat().completions().create(weatherAsJson("gemini:gemini-1.5-pro"));

        assertThat(readJson(completion.choices().getFirst().message().content().orElseThrow())).isEqualTo(readJson(WEATHER));
        JsonNode config = GEMINI.last().json().get("generationConfig");
        assertThat(config.get("responseMimeType").asText()).isEqualTo("application/json");
        ObjectNode expected = (ObjectNode) weatherSchemaJson();
        expected.remove("additionalProperties");
        assertThat(config.get("responseSchema")).as("Gemini 1.5 has no responseJsonSchema").isEqualTo(expected);
        assertThat(config.has("responseJsonSchema")).isFalse();
    }

    @Test
    void aCandidateThatCannotExpressTheRequestIsReportedAsSkipped() {
        double before = skipped("anthropic");
        HttpResponse<String> response = chat(tenant.key(),
                "{\"model\":\"claude-haiku-4-5\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode ram = readJson(response.body()).get("_ram");
        assertThat(ram.get("provider_used").asText()).isEqualTo("openai");
        assertThat(ram.get("attempts")).hasSize(2);
        assertThat(ram.at("/attempts/0/provider").asText()).isEqualTo("anthropic");
        assertThat(ram.at("/attempts/0/model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(ram.at("/attempts/0/outcome").asText()).isEqualTo("skipped_unsupported");
        assertThat(ram.at("/attempts/0/reason").asText()).contains("n > 1");
        assertThat(ram.at("/attempts/1/provider").asText()).isEqualTo("openai");
        assertThat(ram.at("/attempts/1/outcome").asText()).isEqualTo("answered");
        assertThat(response.headers().firstValue("x-ram-skipped")).hasValue("anthropic=unsupported");
        assertThat(skipped("anthropic")).isEqualTo(before + 1);
        assertThat(ANTHROPIC.received()).isEmpty();
    }

    @Test
    void aStreamReportsTheSkippedCandidateInItsHeaderAndRam() {
        HttpResponse<String> response = chat(tenant.key(), "{\"model\":\"claude-haiku-4-5\",\"n\":2,\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(response.headers().firstValue("x-ram-skipped")).hasValue("anthropic=unsupported");
        assertThat(response.body()).contains("\"outcome\":\"skipped_unsupported\"").endsWith("data: [DONE]\n\n");
    }

    private double skipped(String provider) {
        Counter counter = meters.find("router.candidates.skipped").tags("provider", provider, "reason", "unsupported").counter();
        return counter == null ? 0 : counter.count();
    }

    private static ChatCompletionCreateParams weatherAsJson(String model) {
        return ask(model, "Weather in Paris as JSON")
                .responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name("weather").strict(true)
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                        "city", Map.of("type", "string"), "celsius", Map.of("type", "number"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city", "celsius")))
                                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                                .build())
                        .build()).build())
                .build();
    }

    private static JsonNode weatherSchemaJson() {
        return readJson("""
                {"type":"object","properties":{"city":{"type":"string"},"celsius":{"type":"number"}},
                 "required":["city","celsius"],"additionalProperties":false}""");
    }

}
