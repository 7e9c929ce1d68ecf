package app.router4ai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.chat.SseLines;
import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.GeminiFixtures;
import app.router4ai.support.OpenAiSchema;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every chat answer and chunk the client gets, whatever the provider, is valid against OpenAI's published API
 * description (openai/openai-openapi: {@code CreateChatCompletionResponse}, {@code CreateChatCompletionStreamResponse}):
 * required fields present with their types ({@code message.refusal}, {@code logprobs}, {@code object},
 * {@code created}, the usage shape), enums respected. Each provider fake speaks its own wire format; DeepSeek's
 * departs from OpenAI's (no refusal, no logprobs, {@code "role": null} in a delta, usage on the finish chunk).
 */
class OpenAiSchemaConformanceTest extends ProviderE2ETest {

    private static final String TOOLS = """
            ,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
              "properties":{"city":{"type":"string"}},"required":["city"]}}}]""";

    enum Answer {
        OPENAI_TEXT("openai:gpt-4o-mini", "", null, null),
        DEEPSEEK_TEXT("deepseek:deepseek-chat", "", null, null),
        ANTHROPIC_TEXT("anthropic:claude-sonnet-4-6", "", null, null),
        GEMINI_TEXT("gemini:gemini-1.5-pro", "", null, null),
        ANTHROPIC_TOOL_CALL("anthropic:claude-sonnet-4-6", TOOLS,
                () -> FakeResponse.json(200, AnthropicFixtures.toolUseMessage("msg_t1", "claude-sonnet-4-6", "toolu_1", "get_weather",
                        "{\"city\":\"Paris\"}", 20, 8)),
                () -> FakeResponse.sseText(AnthropicFixtures.toolUseStream("msg_t1", "claude-sonnet-4-6", "toolu_1", "get_weather",
                        List.of("{\"city\":", "\"Paris\"}"), 20, 8))),
        GEMINI_TOOL_CALL("gemini:gemini-1.5-pro", TOOLS,
                () -> FakeResponse.json(200, GeminiFixtures.functionCallResponse("r1", "gemini-1.5-pro", "get_weather",
                        "{\"city\":\"Paris\"}", 20, 8)),
                () -> FakeResponse.sseText(GeminiFixtures.functionCallStream("r1", "gemini-1.5-pro", "get_weather",
                        "{\"city\":\"Paris\"}", 20, 8)));

        final String model;
        final String extra;
        final Supplier<FakeResponse> answer;
        final Supplier<FakeResponse> stream;

        Answer(String model, String extra, Supplier<FakeResponse> answer, Supplier<FakeResponse> stream) {
            this.model = model;
            this.extra = extra;
            this.answer = answer;
            this.stream = stream;
        }

        FakeProvider provider() {
            return fakeOf(model);
        }

        String body(String streamOptions) {
            return "{\"model\":\"" + model + "\"" + streamOptions + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]" + extra + "}";
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Answer.class)
    void theCompletionIsValid(Answer answer) {
        if (answer.answer != null) {
            answer.provider().enqueue(answer.answer.get());
        }
        HttpResponse<String> response = chat(tenant.key(), answer.body(""));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode completion = readJson(response.body());
        assertThat(OpenAiSchema.COMPLETION.violations(completion)).as(response.body()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Answer.class)
    void everyChunkIsValidWithAndWithoutUsage(Answer answer) {
        for (String options : List.of(",\"stream\":true,\"stream_options\":{\"include_usage\":true}", ",\"stream\":true")) {
            if (answer.stream != null) {
                answer.provider().enqueue(answer.stream.get());
            }
            HttpResponse<String> response = chat(tenant.key(), answer.body(options));

            List<String> data = SseLines.data(response.body());
            assertThat(data.getLast()).as(response.body()).isEqualTo("[DONE]");
            for (String chunk : data.subList(0, data.size() - 1)) {
                assertThat(OpenAiSchema.CHUNK.violations(readJson(chunk))).as(chunk).isEmpty();
            }
            JsonNode last = readJson(data.get(data.size() - 2));
            if (options.contains("include_usage")) {
                assertThat(last.get("choices")).as("the usage chunk has no choices").isEmpty();
                assertThat(last.at("/usage/total_tokens").isInt()).isTrue();
            }
        }
    }
}
