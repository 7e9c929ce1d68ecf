package app.router4ai.provider.anthropic;

import static app.router4ai.provider.Golden.JSON;
import static app.router4ai.provider.Golden.assertJson;
import static app.router4ai.provider.Golden.deployment;
import static app.router4ai.provider.Golden.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.provider.Golden;
import app.router4ai.provider.Wire;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Anthropic message bodies in, OpenAI chat.completion out (golden files under providers/anthropic/response). */
class AnthropicResponseTest {

    private final AnthropicWire wire = new AnthropicWire(JSON, Golden.CLOCK);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "tool-use", "max-tokens-tool-only"})
    void mapsResponse(String fixture) {
        assertJson(json("anthropic/response/" + fixture + ".openai.json"),
                wire.response(json("anthropic/response/" + fixture + ".anthropic.json"), deployment(Wire.ANTHROPIC, "claude-x")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "end_turn, stop", "stop_sequence, stop", "pause_turn, stop", "max_tokens, length",
            "model_context_window_exceeded, length", "tool_use, tool_calls", "refusal, content_filter", "something_new, stop"})
    void mapsStopReasons(String stopReason, String finishReason) {
        assertThat(AnthropicStopReasons.finishReason(stopReason)).isEqualTo(finishReason);
    }
}
