package app.router4ai.api;

import app.router4ai.call.Surface;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;

/**
 * What an error looks like: the one place that renders an error in a surface's shape ({@link Surface.ErrorShape}),
 * for every layer that answers errors (the routes' {@link ErrorResponder}, servlet filters, Spring's error
 * page, Jetty's own refusals). By path, the surface served there decides: OpenAI's
 * {@code {"error":{"message","type","param","code"}}} under {@code /v1/} and {@code /admin/}, Anthropic's
 * {@code {"type":"error","error":{"type","message"}}} under {@code /v1/messages}.
 */
@Component
public class ErrorBodies {

    private final ObjectMapper json;

    public ErrorBodies(ObjectMapper json) {
        this.json = json;
    }

    /** Whether errors on this path are API error objects (else the dashboard's pages or Spring's defaults). */
    public static boolean isApi(String path) {
        return path != null && (path.startsWith("/v1/") || path.startsWith("/admin/"));
    }

    /** The shape of the errors on a path: its surface's, OpenAI's where no surface is served (admin, models). */
    public static Surface.ErrorShape shapeOf(String path) {
        return Surface.ofPath(path).errorShape();
    }

    public ObjectNode body(Surface.ErrorShape shape, ApiError error) {
        return shape == Surface.ErrorShape.ANTHROPIC ? anthropic(error) : openAi(error);
    }

    public ObjectNode body(String path, ApiError error) {
        return body(shapeOf(path), error);
    }

    public byte[] bytes(Surface.ErrorShape shape, ApiError error) {
        try {
            return json.writeValueAsBytes(body(shape, error));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] bytes(String path, ApiError error) {
        return bytes(shapeOf(path), error);
    }

    /**
     * The error for a bare HTTP status, when something below the application refused the request (Jetty,
     * Spring's dispatcher): {@code reason} says why, when known.
     */
    public static ApiError forStatus(int status, String method, String path, String reason) {
        return switch (status) {
            case 404 -> ApiError.notFound("unknown_url", method + " " + path + " is not an endpoint this router serves."
                    + " It serves POST /v1/chat/completions, /v1/responses, /v1/messages, /v1/embeddings, /v1/completions and"
                    + " /v1/moderations; GET /v1/models and /v1/usage; GET and DELETE /v1/responses/{id} (see the README).");
            case 405 -> new ApiError(405, "invalid_request_error", "method_not_allowed", null,
                    "Method " + method + " is not allowed on " + path + ".", null);
            case 413 -> new ApiError(413, "invalid_request_error", "request_too_large", null,
                    "The request is larger than this router accepts.", null);
            case 414 -> new ApiError(414, "invalid_request_error", "uri_too_long", null,
                    "The request's URL is longer than this router accepts.", null);
            case 431 -> new ApiError(431, "invalid_request_error", "request_headers_too_large", null,
                    "The request's headers are larger than this router accepts.", null);
            default -> new ApiError(status, status >= 500 ? "server_error" : "invalid_request_error", null, null,
                    reason == null || reason.isBlank() ? "The request could not be handled (" + status + ")."
                            : "The request could not be handled (" + status + "): " + reason + ".", null);
        };
    }

    /** OpenAI's {@code {"error":{"message","type","param","code"}}}. */
    private ObjectNode openAi(ApiError error) {
        ObjectNode root = json.createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", error.getMessage());
        e.put("type", error.type());
        e.put("param", error.param());
        e.put("code", error.code());
        return root;
    }

    /**
     * Anthropic's {@code {"type":"error","error":{"type","message"}}}: the type follows the status as
     * Anthropic's own API sets it, so Anthropic's SDKs and Claude Code raise (and retry) the same way.
     */
    private ObjectNode anthropic(ApiError error) {
        ObjectNode root = json.createObjectNode().put("type", "error");
        root.putObject("error").put("type", anthropicType(error.status())).put("message", error.getMessage());
        return root;
    }

    static String anthropicType(int status) {
        return switch (status) {
            case 400, 405, 415, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
