package app.router4ai.provider.gemini;

import static app.router4ai.provider.Golden.JSON;
import static app.router4ai.provider.Golden.assertJson;
import static app.router4ai.provider.Golden.parse;
import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.GeminiFixtures;
import app.router4ai.provider.Golden;
import java.nio.charset.StandardCharsets;
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
        assertThat(wire.refusedOurKey(400, GeminiFixtures.apiKeyInvalidBody().getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(wire.refusedOurKey(400, GeminiFixtures.errorBody(400, "INVALID_ARGUMENT", "Invalid JSON payload received.")
                .getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(wire.refusedOurKey(400, "not json".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"503, true", "429, true", "500, true", "504, true", "408, true", "400, false", "403, false", "404, false"})
    void knowsRetryableStatuses(int status, boolean retryable) {
        assertThat(GeminiErrors.retryable(status)).isEqualTo(retryable);
    }
}
