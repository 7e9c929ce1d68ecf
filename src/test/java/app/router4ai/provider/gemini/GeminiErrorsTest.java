package app.router4ai.provider.gemini;

import static app.router4ai.provider.Golden.JSON;
import static app.router4ai.provider.Golden.assertJson;
import static app.router4ai.provider.Golden.parse;
import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.GeminiFixtures;
import app.router4ai.provider.Golden;
import java.nio.charset.StandardCharsets;
import app.router4ai.provider.UpstreamFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gemini error bodies as OpenAI error objects, and which statuses may be retried. */
class GeminiErrorsTest {

    private final GeminiWire wire = new GeminiWire(JSON, Golden.CLOCK);

    @Test
    void mapsErrorBody() {
        byte[] body = GeminiFixtures.errorBody(400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unknown name \"foo\".")
                .getBytes(StandardCharsets.UTF_8);
        assertJson(parse("{\"error\":{\"message\":\"Invalid JSON payload received. Unknown name \\\"foo\\\".\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_argument\"}}"),
                parse(wire.clientErrorBody(400, body)));
    }

    @Test
    void notFoundKeepsItsStatus() {
        byte[] body = GeminiFixtures.errorBody(404, "NOT_FOUND", "models/gemini-nope is not found").getBytes(StandardCharsets.UTF_8);
        assertThat(parse(wire.clientErrorBody(404, body)).path("error").path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void tellsARefusedKeyFromABadRequest() {
        assertThat(wire.classify(400, GeminiFixtures.apiKeyInvalidBody().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(UpstreamFault.KEY_REFUSED);
        assertThat(wire.classify(400, GeminiFixtures.errorBody(400, "INVALID_ARGUMENT", "Invalid JSON payload received.")
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(UpstreamFault.CLIENT_ERROR);
        assertThat(wire.classify(400, "not json".getBytes(StandardCharsets.UTF_8))).isEqualTo(UpstreamFault.CLIENT_ERROR);
    }

    @Test
    void aPromptOverTheWindowIsContextTooLong() {
        assertThat(wire.classify(400, GeminiFixtures.errorBody(400, "INVALID_ARGUMENT",
                "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).")
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(UpstreamFault.CONTEXT_TOO_LONG);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"503, TRANSIENT", "429, RATE_LIMITED", "500, TRANSIENT", "504, TRANSIENT", "408, TRANSIENT",
            "400, CLIENT_ERROR", "403, KEY_REFUSED", "404, CLIENT_ERROR"})
    void classifiesStatuses(int status, UpstreamFault fault) {
        assertThat(wire.classify(status, GeminiFixtures.errorBody(status, "X", "x").getBytes(StandardCharsets.UTF_8))).isEqualTo(fault);
    }
}
