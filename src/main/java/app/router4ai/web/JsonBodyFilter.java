package app.router4ai.web;

import app.router4ai.api.ApiError;
import app.router4ai.api.ErrorBodies;
import app.router4ai.api.RequestBody;
import app.router4ai.chat.RequestLimits;
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

    private final ErrorBodies errors;
    private final RequestLimits limits;

    public JsonBodyFilter(ErrorBodies errors, RequestLimits limits) {
        this.errors = errors;
        this.limits = limits;
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
        if (length != 0 && !isJson(type)) {
            reject(request, response, new ApiError(415, "invalid_request_error", "unsupported_media_type", null,
                    "Send the request body as JSON with 'Content-Type: application/json' (got "
                            + (type == null ? "no Content-Type" : "'" + type + "'") + ").", null));
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * {@code application/json} or a {@code +json} type ({@code application/merge-patch+json}), parameters
     * allowed; not a type that merely starts the same ({@code application/jsonp}, {@code application/jsonl}).
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int end = contentType.indexOf(';');
        String type = (end < 0 ? contentType : contentType.substring(0, end)).trim();
        return type.equalsIgnoreCase("application/json")
                || (type.regionMatches(true, 0, "application/", 0, 12) && type.regionMatches(true, type.length() - 5, "+json", 0, 5));
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, ApiError error) throws IOException {
        RequestBody.drain(request);   // the client is still sending: read it off, or it sees a reset instead of this
        response.setStatus(error.status());
        response.setContentType("application/json");
        response.getOutputStream().write(errors.bytes(request.getRequestURI(), error));
    }
}
