package app.router4ai.provider.anthropic;

import app.router4ai.provider.OpenAiErrorBody;
import app.router4ai.provider.StreamPart;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * Anthropic's error body {@code {"type":"error","error":{"type","message"}}} in OpenAI's shapes, and
 * which statuses are worth another try.
 */
public final class AnthropicErrors {

    /** Mid-stream error types as OpenAI (type, code); an unlisted type is a server_error coded by itself. */
    private static final Map<String, String[]> STREAM_ERRORS = Map.of(
            "overloaded_error", new String[] {"server_error", "overloaded"},
            "api_error", new String[] {"server_error", "api_error"},
            "rate_limit_error", new String[] {"server_error", "rate_limit_exceeded"},
            "invalid_request_error", new String[] {"invalid_request_error", "invalid_request_error"});

    private AnthropicErrors() {
    }

    /**
     * Whether another attempt (here or at another provider) may succeed: 408, 429 (rate limited),
     * 5xx, and especially 529, Anthropic's "overloaded" status. 4xx other than 408/429 are the request's fault.
     */
    public static boolean retryable(int status) {
        return status == 408 || status == 429 || status == 529 || status >= 500;
    }

    /** The client's copy of a 4xx refusal: Anthropic's message, its error type (lowercase) as the code. */
    static byte[] clientErrorBody(ObjectMapper json, int status, byte[] body) {
        return OpenAiErrorBody.fromProviderError(json, status, body, "type");
    }

    /** An {@code error} stream event's {@code error} object as a stream failure. */
    static StreamPart.Failure streamFailure(JsonNode error) {
        String type = error.path("type").asText("api_error");
        String[] mapped = STREAM_ERRORS.getOrDefault(type, new String[] {"server_error", type});
        return new StreamPart.Failure(error.path("message").asText("The provider reported an error."), mapped[0], mapped[1]);
    }
}
