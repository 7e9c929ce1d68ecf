package app.router4ai.api;

import app.router4ai.call.ApiCall;
import app.router4ai.call.Surface;
import app.router4ai.database.DatabaseUnavailable;
import app.router4ai.provider.UnsupportedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns whatever stopped a request into the answer the client sees: an error object in the shape of the
 * surface the client called ({@link ErrorBodies}) with the right status, or, for a provider's own client
 * error, the provider's status and body unchanged. Only our own headers go back.
 */
@Component
public class ErrorResponder implements Processor {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponder.class);
    private static final String ANTHROPIC_VERSION = "anthropic-version";

    private final ErrorBodies bodies;
    private final ObjectMapper json;
    private final DatabaseUnavailableErrors databaseUnavailable;

    public ErrorResponder(ErrorBodies bodies, ObjectMapper json, DatabaseUnavailableErrors databaseUnavailable) {
        this.bodies = bodies;
        this.json = json;
        this.databaseUnavailable = databaseUnavailable;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message out = exchange.getMessage();
        ApiCall call = ApiCall.of(exchange);
        RequestBody.drain(exchange);   // refused before its body was read: the client must still get the answer
        String requestId = call != null ? call.requestId() : out.getHeader(Headers.REQUEST_ID, String.class);
        Surface.ErrorShape shape = call != null ? call.surface().errorShape()
                : out.getHeader(ANTHROPIC_VERSION) != null ? Surface.ErrorShape.ANTHROPIC   // GET /v1/models from an Anthropic client
                : Surface.ofPath(exchange.getFromEndpoint() instanceof PlatformHttpEndpoint http ? http.getPath() : null).errorShape();
        out.removeHeaders("*");
        if (requestId != null) {
            out.setHeader(Headers.REQUEST_ID, requestId);
        }
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setHeader(Exchange.HTTP_CHUNKED, false);   // a whole body: sent with Content-Length

        if (failure instanceof ProviderClientError passthrough) {
            out.setHeader(Exchange.HTTP_RESPONSE_CODE, passthrough.status());
            out.setBody(shape == Surface.ErrorShape.ANTHROPIC ? anthropicRefusal(passthrough) : passthrough.body());
            return;
        }
        ApiError error = failure instanceof ApiError api ? api
                : failure instanceof UnsupportedRequest unsupported ? ApiError.invalidRequest(unsupported.param(), unsupported.getMessage())
                : RequestBody.unreadable(failure) instanceof ApiError unreadable ? unreadable
                : DatabaseUnavailable.is(failure) ? databaseUnavailable.error(failure)
                : unexpected(failure);
        error.headers().forEach(out::setHeader);
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status(error, shape));
        out.setBody(bodies.bytes(shape, error));
    }

    /**
     * Anthropic's clients read 529 as "overloaded, retry later"; Anthropic itself never answers 503, so the
     * router's 503s (every provider failed, none available) are 529 {@code overloaded_error} to them.
     */
    private static int status(ApiError error, Surface.ErrorShape shape) {
        return shape == Surface.ErrorShape.ANTHROPIC && error.status() == 503 ? 529 : error.status();
    }

    /**
     * A provider's refusal for an Anthropic client: an Anthropic error body as the provider wrote it (a
     * pass-through), anything else (the OpenAI object a translating adapter made) as one, message kept.
     */
    private byte[] anthropicRefusal(ProviderClientError refusal) {
        String message = "The provider rejected the request (HTTP " + refusal.status() + ").";
        try {
            JsonNode body = json.readTree(refusal.body());
            if ("error".equals(body.path("type").asText()) && body.path("error").hasNonNull("type")) {
                return refusal.body();
            }
            message = body.path("error").path("message").asText(message);
        } catch (IOException | RuntimeException e) {
            // not JSON: the generic message
        }
        return bodies.bytes(Surface.ErrorShape.ANTHROPIC, new ApiError(refusal.status(), "invalid_request_error", null, null, message, null));
    }

    private ApiError unexpected(Throwable failure) {
        log.error("Unexpected failure in the request flow", failure);
        return new ApiError(500, "server_error", "internal_error", null,
                "The router failed to process the request. Retry, or report the x-request-id to support.", null);
    }
}
