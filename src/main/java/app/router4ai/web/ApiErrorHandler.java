package app.router4ai.web;

import app.router4ai.api.ApiError;
import app.router4ai.api.ErrorBodies;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (a header block too large, a control character in a header, an ambiguous or
 * suspicious path such as {@code ..%2f} or {@code %00}, a bad chunk) in the API's error shape under
 * {@code /v1/} and {@code /admin/} ({@link ErrorBodies}), instead of Jetty's HTML page. A request whose
 * path could not even be read is answered the API's way too: only an API client sends such requests.
 * Elsewhere (the dashboard) Jetty's page stays.
 */
final class ApiErrorHandler extends ErrorHandler {

    /** What Jetty puts in place of a target it refused to read (ambiguous or suspicious): the real one is gone. */
    private static final Set<String> UNREADABLE_PATHS = Set.of("/badURI", "/badMessage");

    private final ErrorBodies bodies;

    ApiErrorHandler(ErrorBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;   // an API error has a body whatever the method (Jetty's default: GET, POST and HEAD only)
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        HttpURI uri = request.getHttpURI();
        String path = uri == null || UNREADABLE_PATHS.contains(uri.getPath()) ? null : uri.getPath();
        if (path != null && !ErrorBodies.isApi(path)) {
            super.generateResponse(request, response, code, message, cause, callback);
            return;
        }
        ApiError error = ErrorBodies.forStatus(code, request.getMethod(), path, message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
        response.write(true, ByteBuffer.wrap(bodies.bytes(path, error)), callback);
    }
}
