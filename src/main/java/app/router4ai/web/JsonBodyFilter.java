package app.router4ai.web;

import app.router4ai.api.ApiError;
import app.router4ai.api.ErrorResponder;
import app.router4ai.api.RequestBody;
import app.router4ai.call.Surface;
import app.router4ai.chat.RequestLimits;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the API's POST endpoints before Camel sees the body: a body that is not JSON gets 415 and one
 * over the size limit 413, as OpenAI error objects. (Left to the HTTP binding, a form-encoded body
 * was parsed as form fields and failed with a 500.)
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)   // before InlineDispatchFilter, which ends the chain for the API
public class JsonBodyFilter extends OncePerRequestFilter {

    private final ErrorResponder errors;
    private final RequestLimits limits;
    private final ObjectMapper json;

    public JsonBodyFilter(ErrorResponder errors, RequestLimits limits, ObjectMapper json) {
        this.errors = errors;
        this.limits = limits;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !(request.getRequestURI().startsWith("/v1/") || request.getRequestURI().startsWith("/admin/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > limits.maxBodyBytes()) {
            reject(request, response, limits.tooLarge());
            return;
        }
        String type = request.getContentType();
        boolean json = type != null && (type.regionMatches(true, 0, "application/json", 0, 16) || type.contains("+json"));
        if (length != 0 && !json) {
            reject(request, response, new ApiError(415, "invalid_request_error", "unsupported_media_type", null,
                    "Send the request body as JSON with 'Content-Type: application/json' (got "
                            + (type == null ? "no Content-Type" : "'" + type + "'") + ").", null));
            return;
        }
        chain.doFilter(request, response);
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, ApiError error) throws IOException {
        RequestBody.drain(request);   // the client is still sending: read it off, or it sees a reset instead of this
        response.setStatus(error.status());
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), errors.body(error, Surface.ofPath(request.getRequestURI()).errorShape()));
    }
}
