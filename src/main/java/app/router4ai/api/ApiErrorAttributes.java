package app.router4ai.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * The errors Spring answers before any route runs (no such URL, wrong method) as OpenAI error objects on
 * the API's paths, like every other API error: an SDK calling {@code /v1/embeddings} reads a message, not
 * Spring's {@code {"timestamp","status","path"}}. Browsers and the dashboard keep Spring's attributes
 * (the error page renders them).
 */
@Component
public class ApiErrorAttributes extends DefaultErrorAttributes {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final ErrorResponder errors;
    private final ObjectMapper json;

    public ApiErrorAttributes(ErrorResponder errors, ObjectMapper json) {
        this.errors = errors;
        this.json = json;
    }

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> spring = super.getErrorAttributes(request, options);
        String path = (String) request.getAttribute("jakarta.servlet.error.request_uri", RequestAttributes.SCOPE_REQUEST);
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (path == null || !(path.startsWith("/v1/") || path.startsWith("/admin/"))
                || (accept != null && accept.contains("text/html"))) {
            return spring;
        }
        int status = spring.get("status") instanceof Integer s ? s : 500;
        String method = request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest http ? http.getMethod() : "";
        ApiError error = switch (status) {
            case 404 -> ApiError.notFound("unknown_url", "Invalid URL (" + method + " " + path + ").");
            case 405 -> new ApiError(405, "invalid_request_error", "method_not_allowed", null,
                    "Method " + method + " is not allowed on " + path + ".", null);
            default -> new ApiError(status, status >= 500 ? "server_error" : "invalid_request_error", null, null,
                    "The request could not be handled (" + status + ").", null);
        };
        return json.convertValue(errors.body(error, app.router4ai.call.Surface.ofPath(path).errorShape()), MAP);
    }
}
