package app.router4ai.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.provider.UpstreamFault;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenAI and OpenAI-compatible refusals, as the failover loop must read them (OpenAI's, Azure's and DeepSeek's wording). */
class OpenAiErrorsTest {

    private final OpenAiWire wire = new OpenAiWire(new ObjectMapper());

    @ParameterizedTest(name = "{0} {1} -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            500 | server_error          | internal                 | boom                                                        | TRANSIENT
            503 | server_error          |                          | overloaded                                                  | TRANSIENT
            429 | requests              | rate_limit_exceeded      | slow down                                                   | RATE_LIMITED
            429 | insufficient_quota    | insufficient_quota       | You exceeded your current quota                             | KEY_REFUSED
            401 | invalid_request_error | invalid_api_key          | Incorrect API key provided                                  | KEY_REFUSED
            400 | invalid_request_error | context_length_exceeded  | This model's maximum context length is 128000 tokens.       | CONTEXT_TOO_LONG
            400 | invalid_request_error |                          | This model's maximum context length is 65536 tokens. However, you requested 70000 tokens | CONTEXT_TOO_LONG
            400 | invalid_request_error | content_policy_violation | Your request was rejected as a result of our safety system. | CONTENT_POLICY
            400 | invalid_request_error | content_filter           | The response was filtered                                   | CONTENT_POLICY
            400 | invalid_request_error | invalid_value            | temperature must be at most 2                               | CLIENT_ERROR
            404 | invalid_request_error | model_not_found          | The model does not exist                                    | CLIENT_ERROR
            """)
    void classifiesByStatusAndCode(int status, String type, String code, String message, UpstreamFault fault) {
        byte[] body = OpenAiFixtures.error(message, type, null, code).getBytes(StandardCharsets.UTF_8);
        assertThat(wire.classify(status, body)).isEqualTo(fault);
    }
}
