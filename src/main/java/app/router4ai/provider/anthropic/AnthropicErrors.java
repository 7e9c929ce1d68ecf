package app.router4ai.provider.anthropic;

import app.router4ai.provider.ErrorBodies;
import app.router4ai.provider.OpenAiErrorBody;
import app.router4ai.provider.StreamPart;
import app.router4ai.provider.UpstreamFault;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * Anthropic's error body {@code {"type":"error","error":{"type","message"}}} in OpenAI's shapes, and
 * what each refusal means for failover.
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
     * What a refusal means: 5xx (529 is Anthropic's "overloaded") and 408 are worth a retry, 429 is
     * {@code rate_limit_error}, 401 {@code authentication_error} and 403 {@code permission_error} are about our key;
     * a 400 {@code invalid_request_error} saying "prompt is too long: N tokens > M maximum" needs a larger context
     * window. Anthropic reports no content-policy refusal as an HTTP error (it answers {@code stop_reason: refusal}).
     */
    static UpstreamFault classify(ObjectMapper json, int status, byte[] body) {
        UpstreamFault byStatus = UpstreamFault.byStatus(status);
        if (byStatus != UpstreamFault.CLIENT_ERROR) {
            return byStatus;
        }
        JsonNode error = ErrorBodies.error(json, body);
        String message = ErrorBodies.field(error, "message");
        if (message.contains("prompt is too long") || message.contains("exceed context limit")
                || message.contains("context window")) {
            return UpstreamFault.CONTEXT_TOO_LONG;
        }
        return UpstreamFault.CLIENT_ERROR;
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
