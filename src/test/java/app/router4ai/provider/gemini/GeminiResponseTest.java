package app.router4ai.provider.gemini;

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

/** Gemini GenerateContentResponse bodies in, OpenAI chat.completion out (golden files under providers/gemini/response). */
class GeminiResponseTest {

    private final GeminiWire wire = new GeminiWire(JSON, Golden.CLOCK);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "tools", "two-candidates", "prompt-blocked"})
    void mapsResponse(String fixture) {
        assertJson(json("gemini/response/" + fixture + ".openai.json"),
                wire.response(json("gemini/response/" + fixture + ".gemini.json"), deployment(Wire.GEMINI, "gemini-x")));
    }

    @ParameterizedTest(name = "{0}, called a function: {1} -> {2}")
    @CsvSource({
            "STOP, false, stop", "STOP, true, tool_calls", "MAX_TOKENS, false, length", "MAX_TOKENS, true, length",
            "SAFETY, false, content_filter", "RECITATION, false, content_filter", "PROHIBITED_CONTENT, false, content_filter",
            "SPII, false, content_filter", "BLOCKLIST, false, content_filter", "OTHER, false, stop",
            "MALFORMED_FUNCTION_CALL, false, stop"})
    void mapsFinishReasons(String reason, boolean calledFunction, String finishReason) {
        assertThat(GeminiFinishReasons.finishReason(reason, calledFunction)).isEqualTo(finishReason);
    }
}
