package app.router4ai.provider.anthropic;

import static app.router4ai.provider.Golden.JSON;
import static app.router4ai.provider.Golden.deployment;
import static app.router4ai.provider.Golden.parse;
import static app.router4ai.provider.Golden.translate;
import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.provider.Golden;
import app.router4ai.provider.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake's bodies and streams go through the adapter the way the HTTP fake will serve them. */
class AnthropicFakeRoundTripTest {

    private final AnthropicWire wire = new AnthropicWire(JSON, Golden.CLOCK);

    @Test
    void textAnswer() {
        JsonNode completion = wire.response(parse(AnthropicFixtures.textMessage("msg_1", "claude-haiku-4-5", "Hi!", 5, 2)),
                deployment(Wire.ANTHROPIC, "claude-haiku-4-5"));
        assertThat(completion.at("/choices/0/message/content").asText()).isEqualTo("Hi!");
        assertThat(completion.at("/usage/total_tokens").asInt()).isEqualTo(7);
    }

    @Test
    void toolUseAnswer() {
        JsonNode completion = wire.response(parse(AnthropicFixtures.toolUseMessage("msg_2", "claude-haiku-4-5", "toolu_9", "lookup",
                "{\"q\":\"x\"}", 5, 2)), deployment(Wire.ANTHROPIC, "claude-haiku-4-5"));
        assertThat(completion.at("/choices/0/message/tool_calls/0/id").asText()).isEqualTo("toolu_9");
        assertThat(completion.at("/choices/0/message/tool_calls/0/function/arguments").asText()).isEqualTo("{\"q\":\"x\"}");
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void streamedToolCallArgumentsReassemble() {
        ArrayNode parts = translate(wire.streamTranslator(JSON.createObjectNode(), deployment(Wire.ANTHROPIC, "claude-haiku-4-5")),
                AnthropicFixtures.toolUseStream("msg_3", "claude-haiku-4-5", "toolu_1", "lookup", List.of("{\"q\":", "\"x\"}"), 9, 4));
        StringBuilder arguments = new StringBuilder();
        for (JsonNode part : parts) {
            arguments.append(part.at("/choices/0/delta/tool_calls/0/function/arguments").asText(""));
        }
        assertThat(arguments.toString()).isEqualTo("{\"q\":\"x\"}");
        assertThat(parts.get(parts.size() - 2).at("/usage/total_tokens").asInt()).isEqualTo(13);
        assertThat(parts.get(parts.size() - 1).asText()).isEqualTo("[DONE]");
    }

    @Test
    void streamWithAnErrorEventFails() {
        String sse = AnthropicFixtures.cutTextStream("msg_4", "claude-haiku-4-5", "Hel", 3)
                + AnthropicFixtures.errorEvent("overloaded_error", "Overloaded");
        ArrayNode parts = translate(wire.streamTranslator(JSON.createObjectNode(), deployment(Wire.ANTHROPIC, "claude-haiku-4-5")), sse);
        assertThat(parts.get(parts.size() - 1).path("failure").path("code").asText()).isEqualTo("overloaded");
    }

    @Test
    void textStreamEndsWithDone() {
        ArrayNode parts = translate(wire.streamTranslator(JSON.createObjectNode(), deployment(Wire.ANTHROPIC, "claude-haiku-4-5")),
                AnthropicFixtures.textStream("msg_5", "claude-haiku-4-5", List.of("Hel", "lo"), 3, 2));
        assertThat(parts.get(parts.size() - 1).asText()).isEqualTo("[DONE]");
        assertThat(parts.get(parts.size() - 3).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }
}
