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

    private final ErrorBodies errors;
    private final ObjectMapper json;

    public ApiErrorAttributes(ErrorBodies errors, ObjectMapper json) {
        this.errors = errors;
        this.json = json;
    }

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> spring = super.getErrorAttributes(request, options);
        String path = (String) request.getAttribute("jakarta.servlet.error.request_uri", RequestAttributes.SCOPE_REQUEST);
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (!ErrorBodies.isApi(path) || (accept != null && accept.contains("text/html"))) {
            return spring;
        }
        int status = spring.get("status") instanceof Integer s ? s : 500;
        String method = request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest http ? http.getMethod() : "";
        ApiError error = ErrorBodies.forStatus(status, method, path, null);
        return json.convertValue(errors.body(path, error), MAP);
    }
}
