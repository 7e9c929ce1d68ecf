package app.router4ai.api;

import java.util.Map;

/**
 * A failure the client sees as an OpenAI error object
 * ({@code {"error":{"message","type","param","code"}}}) with an HTTP status.
 * Thrown anywhere in the request flow; {@link ErrorResponder} renders it.
 */
public class ApiError extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final Map<String, String> headers;

    public ApiError(int status, String type, String code, String param, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static ApiError invalidRequest(String param, String message) {
        return new ApiError(400, "invalid_request_error", null, param, message, null);
    }

    public static ApiError invalidApiKey(String message) {
        return new ApiError(401, "invalid_request_error", "invalid_api_key", null, message, null);
    }

    public static ApiError modelNotFound(String model, String message) {
        return new ApiError(404, "invalid_request_error", "model_not_found", "model", message, null);
    }

    public static ApiError notFound(String code, String message) {
        return new ApiError(404, "invalid_request_error", code, null, message, null);
    }

    public static ApiError allProvidersFailed(String message, long retryAfterSeconds) {
        return new ApiError(503, "server_error", "all_providers_failed", null, message,
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    /** The same error, told not to be retried by the official SDKs (it is not transient). */
    public static ApiError notRetryable(ApiError error) {
        java.util.Map<String, String> headers = new java.util.HashMap<>(error.headers);
        headers.put("x-should-retry", "false");
        return new ApiError(error.status, error.type, error.code, error.param, error.getMessage(), headers);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
