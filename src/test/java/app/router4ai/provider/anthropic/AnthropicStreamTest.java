package app.router4ai.provider.anthropic;

import static app.router4ai.provider.Golden.JSON;
import static app.router4ai.provider.Golden.assertJson;
import static app.router4ai.provider.Golden.deployment;
import static app.router4ai.provider.Golden.json;
import static app.router4ai.provider.Golden.text;
import static app.router4ai.provider.Golden.translate;
import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.provider.Golden;
import app.router4ai.provider.StreamPart;
import app.router4ai.provider.StreamTranslator;
import app.router4ai.provider.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Anthropic SSE streams in, OpenAI stream parts out (golden files under providers/anthropic/stream). */
class AnthropicStreamTest {

    private final AnthropicWire wire = new AnthropicWire(JSON, Golden.CLOCK);

    private StreamTranslator translator() {
        return wire.streamTranslator(JSON.createObjectNode(), deployment(Wire.ANTHROPIC, "claude-x"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "tool-use", "overloaded", "cut"})
    void translatesStream(String fixture) {
        assertJson(json("anthropic/stream/" + fixture + ".openai.json"), translate(translator(), text("anthropic/stream/" + fixture + ".sse")));
    }

    @Test
    void malformedEventIsAFailure() {
        assertThat(translator().onEvent("content_block_delta", "{not json"))
                .containsExactly(new StreamPart.Failure("The provider sent a malformed stream event.", "server_error", "bad_upstream_stream"));
    }
}
