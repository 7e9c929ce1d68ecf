package app.router4ai.provider.anthropic;

import app.router4ai.provider.StreamPart;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
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
        String message = "The provider rejected the request (HTTP " + status + ").";
        String code = null;
        try {
            JsonNode error = json.readTree(body).path("error");
            if (error.hasNonNull("message")) {
                message = error.get("message").asText();
            }
            if (error.hasNonNull("type")) {
                code = error.get("type").asText().toLowerCase(Locale.ROOT);
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: keep the generic message
        }
        ObjectNode out = json.createObjectNode();
        out.putObject("error").put("message", message).put("type", "invalid_request_error").putNull("param").put("code", code);
        try {
            return json.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An {@code error} stream event's {@code error} object as a stream failure. */
    static StreamPart.Failure streamFailure(JsonNode error) {
        String type = error.path("type").asText("api_error");
        String[] mapped = STREAM_ERRORS.getOrDefault(type, new String[] {"server_error", type});
        return new StreamPart.Failure(error.path("message").asText("The provider reported an error."), mapped[0], mapped[1]);
    }
}
