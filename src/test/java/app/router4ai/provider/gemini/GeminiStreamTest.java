package app.router4ai.provider.gemini;

import static app.router4ai.provider.Golden.JSON;
import static app.router4ai.provider.Golden.assertJson;
import static app.router4ai.provider.Golden.deployment;
import static app.router4ai.provider.Golden.json;
import static app.router4ai.provider.Golden.text;
import static app.router4ai.provider.Golden.translate;
import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.GeminiFixtures;
import app.router4ai.provider.Golden;
import app.router4ai.provider.StreamTranslator;
import app.router4ai.provider.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gemini SSE streams in, OpenAI stream parts out (golden files under providers/gemini/stream). */
class GeminiStreamTest {

    private final GeminiWire wire = new GeminiWire(JSON, Golden.CLOCK);

    private StreamTranslator translator() {
        return wire.streamTranslator(JSON.createObjectNode(), deployment(Wire.GEMINI, "gemini-x"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "tool-calls", "unavailable", "cut", "prompt-blocked"})
    void translatesStream(String fixture) {
        assertJson(json("gemini/stream/" + fixture + ".openai.json"), translate(translator(), text("gemini/stream/" + fixture + ".sse")));
    }

    @Test
    void everyChunkCarriesTheSameIdAndCreated() {
        ArrayNode parts = translate(translator(), GeminiFixtures.textStream("r-5", "gemini-2.5-flash", List.of("a", "b", "c"), 3, 3));
        for (JsonNode part : parts) {
            if (part.isObject()) {
                assertThat(part.path("id").asText()).isEqualTo("chatcmpl-r-5");
                assertThat(part.path("created").asLong()).isEqualTo(1_750_000_000L);
            }
        }
        assertThat(parts.get(parts.size() - 1).asText()).isEqualTo("[DONE]");
        assertThat(parts.get(parts.size() - 2).at("/usage/total_tokens").asInt()).isEqualTo(6);
    }

    @Test
    void streamWithoutFinishReasonIsCut() {
        assertThat(translate(translator(), GeminiFixtures.cutTextStream("r-6", "gemini-2.5-flash", "Hal", 2)).size()).isEqualTo(1);
    }

    @Test
    void errorEventFails() {
        ArrayNode parts = translate(translator(), GeminiFixtures.errorEvent(429, "RESOURCE_EXHAUSTED", "Quota exceeded"));
        assertThat(parts.get(0).path("failure").path("code").asText()).isEqualTo("rate_limit_exceeded");
    }
}
