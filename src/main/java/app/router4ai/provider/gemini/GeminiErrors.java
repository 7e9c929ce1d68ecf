package app.router4ai.provider.gemini;

import app.router4ai.provider.OpenAiErrorBody;
import app.router4ai.provider.StreamPart;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Gemini's error body {@code {"error":{"code","message","status"}}} in OpenAI's shapes, and which
 * statuses are worth another try.
 */
public final class GeminiErrors {

    /** Mid-stream error statuses as OpenAI (type, code); unlisted ones are server_error coded by the status. */
    private static final Map<String, String[]> STREAM_ERRORS = Map.of(
            "UNAVAILABLE", new String[] {"server_error", "overloaded"},
            "RESOURCE_EXHAUSTED", new String[] {"server_error", "rate_limit_exceeded"},
            "INVALID_ARGUMENT", new String[] {"invalid_request_error", "invalid_argument"});

    private GeminiErrors() {
    }

    /**
     * Whether another attempt (here or at another provider) may succeed: 408, 429 RESOURCE_EXHAUSTED
     * (quota or rate limit), and 5xx, notably 503 UNAVAILABLE ("the model is overloaded"), 500 INTERNAL
     * and 504 DEADLINE_EXCEEDED. Other 4xx are the request's fault.
     */
    public static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * Gemini refuses a bad, expired or deleted API key with HTTP 400 INVALID_ARGUMENT, the status of a
     * malformed request; only the ErrorInfo detail's reason {@code API_KEY_INVALID} tells them apart.
     */
    static boolean refusedOurKey(ObjectMapper json, int status, byte[] body) {
        if (status != 400) {
            return false;
        }
        try {
            for (JsonNode detail : json.readTree(body).path("error").path("details")) {
                if ("API_KEY_INVALID".equals(detail.path("reason").asText())) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: not a key refusal we can recognise
        }
        return false;
    }

    /** The client's copy of a 4xx refusal: Gemini's message, its status (lowercase) as the code. */
    static byte[] clientErrorBody(ObjectMapper json, int status, byte[] body) {
        return OpenAiErrorBody.fromProviderError(json, status, body, "status");
    }

    static StreamPart.Failure streamFailure(JsonNode error) {
        String status = error.path("status").asText("INTERNAL");
        String[] mapped = STREAM_ERRORS.getOrDefault(status, new String[] {"server_error", status.toLowerCase(Locale.ROOT)});
        return new StreamPart.Failure(error.path("message").asText("The provider reported an error."), mapped[0], mapped[1]);
    }
}
