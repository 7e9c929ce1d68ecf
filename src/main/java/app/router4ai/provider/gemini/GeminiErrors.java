package app.router4ai.provider.gemini;

import app.router4ai.provider.ErrorBodies;
import app.router4ai.provider.OpenAiErrorBody;
import app.router4ai.provider.StreamPart;
import app.router4ai.provider.UpstreamFault;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;

/**
 * Gemini's error body {@code {"error":{"code","message","status"}}} in OpenAI's shapes, and what each
 * refusal means for failover.
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
     * What a refusal means: 408, 5xx (503 UNAVAILABLE "the model is overloaded", 500 INTERNAL, 504
     * DEADLINE_EXCEEDED) are worth a retry; 429 RESOURCE_EXHAUSTED is a rate limit or quota. Gemini refuses a bad,
     * expired or deleted API key with HTTP 400 INVALID_ARGUMENT, the status of a malformed request; only the
     * ErrorInfo detail's reason {@code API_KEY_INVALID} tells them apart. A prompt over the window is a 400 "The
     * input token count (N) exceeds the maximum number of tokens allowed (M)".
     */
    static UpstreamFault classify(ObjectMapper json, int status, byte[] body) {
        UpstreamFault byStatus = UpstreamFault.byStatus(status);
        if (byStatus != UpstreamFault.CLIENT_ERROR) {
            return byStatus;
        }
        JsonNode error = ErrorBodies.error(json, body);
        for (JsonNode detail : error.path("details")) {
            if ("API_KEY_INVALID".equals(detail.path("reason").asText())) {
                return UpstreamFault.KEY_REFUSED;
            }
        }
        String message = ErrorBodies.field(error, "message");
        if (message.contains("exceeds the maximum number of tokens") || message.contains("input token count")) {
            return UpstreamFault.CONTEXT_TOO_LONG;
        }
        return UpstreamFault.CLIENT_ERROR;
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
