package app.router4ai.provider.anthropic;

import static app.router4ai.provider.Golden.JSON;
import static app.router4ai.provider.Golden.assertJson;
import static app.router4ai.provider.Golden.parse;
import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.provider.Golden;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Anthropic error bodies as OpenAI error objects, and which statuses may be retried. */
class AnthropicErrorsTest {

    private final AnthropicWire wire = new AnthropicWire(JSON, Golden.CLOCK);

    @Test
    void mapsErrorBody() {
        byte[] body = AnthropicFixtures.errorBody("invalid_request_error", "max_tokens: 300000 > 64000, which is the maximum allowed")
                .getBytes(StandardCharsets.UTF_8);
        assertJson(parse("{\"error\":{\"message\":\"max_tokens: 300000 > 64000, which is the maximum allowed\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_request_error\"}}"),
                parse(wire.clientErrorBody(400, body)));
    }

    @Test
    void notFoundKeepsItsType() {
        byte[] body = AnthropicFixtures.errorBody("not_found_error", "model: claude-nope").getBytes(StandardCharsets.UTF_8);
        assertThat(parse(wire.clientErrorBody(404, body)).path("error").path("code").asText()).isEqualTo("not_found_error");
    }

    @Test
    void bodyThatIsNotJsonGetsAGenericMessage() {
        assertJson(parse("{\"error\":{\"message\":\"The provider rejected the request (HTTP 413).\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"),
                parse(wire.clientErrorBody(413, "<html>Request Entity Too Large</html>".getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"529, true", "503, true", "500, true", "429, true", "408, true", "400, false", "401, false", "404, false", "413, false"})
    void knowsRetryableStatuses(int status, boolean retryable) {
        assertThat(AnthropicErrors.retryable(status)).isEqualTo(retryable);
    }
}
