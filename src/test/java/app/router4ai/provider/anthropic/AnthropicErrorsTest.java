package app.router4ai.provider.anthropic;

import static app.router4ai.provider.Golden.JSON;
import static app.router4ai.provider.Golden.assertJson;
import static app.router4ai.provider.Golden.parse;
import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.provider.Golden;
import java.nio.charset.StandardCharsets;
import app.router4ai.provider.UpstreamFault;
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
    @CsvSource({"529, TRANSIENT", "503, TRANSIENT", "500, TRANSIENT", "429, RATE_LIMITED", "408, TRANSIENT",
            "400, CLIENT_ERROR", "401, KEY_REFUSED", "403, KEY_REFUSED", "404, CLIENT_ERROR", "413, CLIENT_ERROR"})
    void classifiesStatuses(int status, UpstreamFault fault) {
        assertThat(wire.classify(status, "{\"type\":\"error\",\"error\":{\"type\":\"x\",\"message\":\"x\"}}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(fault);
    }

    @Test
    void aPromptOverTheWindowIsContextTooLong() {
        assertThat(wire.classify(400, ("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"prompt is too long: 208310 tokens > 200000 maximum\"}}").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(UpstreamFault.CONTEXT_TOO_LONG);
    }
}
