package app.router4ai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.chat.SseLines;
import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.GeminiFixtures;
import app.router4ai.support.NodeClients;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Vercel AI SDK ({@code ai} + {@code @ai-sdk/openai}, src/test/node/vercel-ai-check.mjs) streaming from
 * translated providers. A streamed answer opens the way OpenAI's own do: a text answer with
 * {@code {"role":"assistant","content":""}}, a tool-call answer with {@code "content": null} beside the first
 * tool call, so the SDK sees a tool call alone and no empty text part before it.
 */
class VercelAiSdkTest extends ProviderE2ETest {

    private static final String WEATHER_TOOLS = """
            ,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
              "properties":{"city":{"type":"string"}},"required":["city"]}}}]""";

    @Test
    void anAnthropicToolCallIsOneToolCallPartAndNoText() throws Exception {
        ANTHROPIC.enqueue(anthropicToolCall());

        JsonNode seen = vercel("anthropic:claude-sonnet-4-6", true);

        assertThat(seen.get("content")).as(seen.toString()).singleElement().satisfies(part -> {
            assertThat(part.get("type").asText()).isEqualTo("tool-call");
            assertThat(part.get("toolName").asText()).isEqualTo("get_weather");
            assertThat(part.get("input")).isEqualTo(readJson("{\"city\":\"Paris\"}"));
        });
        assertThat(seen.get("finishReason").asText()).isEqualTo("tool-calls");
    }

    @Test
    void aGeminiToolCallIsOneToolCallPartAndNoText() throws Exception {
        GEMINI.enqueue(geminiToolCall());

        JsonNode seen = vercel("gemini:gemini-1.5-pro", true);

        assertThat(seen.get("content")).as(seen.toString()).singleElement()
                .satisfies(part -> assertThat(part.get("type").asText()).isEqualTo("tool-call"));
    }

    @Test
    void anAnthropicTextAnswerIsOneTextPart() throws Exception {
        JsonNode seen = vercel("anthropic:claude-sonnet-4-6", false);

        assertThat(seen.get("content")).as(seen.toString()).singleElement().satisfies(part -> {
            assertThat(part.get("type").asText()).isEqualTo("text");
            assertThat(part.get("text").asText()).isEqualTo(ANTHROPIC_TEXT);
        });
    }

    @Test
    void aToolCallStreamOpensWithNullContentAsOpenAisDo() {
        ANTHROPIC.enqueue(anthropicToolCall());
        GEMINI.enqueue(geminiToolCall());

        for (String model : List.of("anthropic:claude-sonnet-4-6", "gemini:gemini-1.5-pro")) {
            JsonNode delta = firstDelta(model, WEATHER_TOOLS);
            assertThat(delta.get("role").asText()).as(model).isEqualTo("assistant");
            assertThat(delta.has("content") && delta.get("content").isNull()).as(model + ": " + delta).isTrue();
            assertThat(delta.at("/tool_calls/0/function/name").asText()).as(model).isEqualTo("get_weather");
        }
    }

    @Test
    void aTextStreamOpensWithTheRoleAndText() {
        for (String model : List.of("anthropic:claude-sonnet-4-6", "gemini:gemini-1.5-pro")) {
            JsonNode delta = firstDelta(model, "");
            assertThat(delta.get("role").asText()).as(model).isEqualTo("assistant");
            assertThat(delta.get("content").isTextual()).as(model + ": " + delta).isTrue();
            assertThat(delta.has("tool_calls")).isFalse();
        }
    }

    private JsonNode vercel(String model, boolean tools) throws Exception {
        NodeClients.install("Vercel AI SDK");
        NodeClients.Result run = NodeClients.run(NodeClients.DIR, 120, Map.of(), "node", "vercel-ai-check.mjs",
                baseUrl() + "/v1", tenant.key(), model, tools ? "tools" : "none");
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.lastJson();
    }

    private JsonNode firstDelta(String model, String extra) {
        String body = chat(tenant.key(), "{\"model\":\"" + model + "\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]" + extra + "}").body();
        return readJson(SseLines.data(body).getFirst()).at("/choices/0/delta");
    }

    private static FakeResponse anthropicToolCall() {
        return FakeResponse.sseText(AnthropicFixtures.toolUseStream("msg_tool01", "claude-sonnet-4-6", "toolu_01", "get_weather",
                List.of("{\"city\":", "\"Paris\"}"), 20, 8));
    }

    private static FakeResponse geminiToolCall() {
        return FakeResponse.sseText(GeminiFixtures.functionCallStream("resp_tool01", "gemini-1.5-pro", "get_weather",
                "{\"city\":\"Paris\"}", 20, 8));
    }
}
