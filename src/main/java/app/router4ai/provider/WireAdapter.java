package app.router4ai.provider;

import app.router4ai.call.ApiCall;
import app.router4ai.call.Surface;
import app.router4ai.call.Surface.Operation;
import app.router4ai.routing.Deployment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Everything that differs between wire formats, as pure functions plus a per-request stream
 * translator. The shared provider route does the HTTP; an adapter only maps. One adapter per
 * {@link Wire}, registered as a Spring bean.
 */
public interface WireAdapter {

    Wire wire();

    /**
     * The request to send for an OpenAI chat-completions request. {@code request} is the client's body
     * (do not modify it); the provider's model id is {@code deployment.model().providerModel()}.
     * When {@code stream} is true the provider must be asked to report usage in the stream.
     */
    UpstreamRequest request(ObjectNode request, Deployment deployment, boolean stream);

    /** A provider's successful (2xx) non-streamed body, as an OpenAI {@code chat.completion} object. */
    ObjectNode response(JsonNode body, Deployment deployment);

    /**
     * The same, for an adapter whose reading of the answer depends on what was asked (the request as given to
     * {@link #request}); by default it does not.
     */
    default ObjectNode response(JsonNode body, ObjectNode request, Deployment deployment) {
        return response(body, deployment);
    }

    /**
     * The request for an operation other than chat (embeddings, legacy completions, moderations), from its
     * OpenAI-shaped request. A wire format that does not serve the operation refuses ({@link UnsupportedRequest}),
     * so failover passes its providers over.
     */
    default UpstreamRequest request(Operation operation, ObjectNode request, Deployment deployment, boolean stream) {
        throw new UnsupportedRequest("model", "The provider of '" + deployment.model().id() + "' does not serve "
                + operation.name().toLowerCase(java.util.Locale.ROOT) + " on this router.");
    }

    /**
     * A successful non-streamed answer to {@link #request(Operation, ObjectNode, Deployment, boolean)}, in OpenAI's
     * shape; {@code request} is what was asked (do not modify it).
     */
    default ObjectNode response(Operation operation, JsonNode body, ObjectNode request, Deployment deployment) {
        throw new IllegalStateException(wire() + " does not serve " + operation);
    }

    /** A fresh translator for one streamed response. */
    StreamTranslator streamTranslator(ObjectNode request, Deployment deployment);

    /**
     * The body the client gets when the provider refused the request itself (HTTP 400, 404, 413, 422):
     * an OpenAI error object. For OpenAI-format providers, the provider's own body unchanged.
     */
    byte[] clientErrorBody(int status, byte[] body);

    /**
     * What a non-2xx answer means for failover, in this provider's own terms (its statuses, error codes and
     * wording): worth a retry, rate limited, our key refused (Gemini says so with a 400), a prompt over the
     * context window, a content-policy refusal, or the request's own fault.
     */
    UpstreamFault classify(int status, byte[] body);

    // Pass-through: a provider that speaks a surface's own format (Anthropic for /v1/messages) gets the
    // client's body as sent, and its answer goes back as it came. The canonical form still flows beside it
    // for the router's books (usage, cost, cache): response() reads a complete answer, and the native
    // stream translator hands on canonical parts as well as the provider's events.

    /** Whether this wire speaks {@code surface}'s own format, so that its calls are passed through. */
    default boolean speaks(Surface surface) {
        return false;
    }

    /**
     * The pass-through request: the client's bytes ({@link ApiCall#clientBytes()}) with only the model id
     * changed, to the path the client called, with our key and the surface's forwarded headers.
     */
    default UpstreamRequest nativeRequest(ApiCall call, Deployment deployment) {
        throw new UnsupportedOperationException(wire() + " passes nothing through");
    }

    /**
     * A translator for a passed-through stream: each provider event as {@link StreamPart.Native}, beside the
     * canonical parts; the usage chunk comes before the event that ends the answer, so that event can carry
     * the settled cost.
     */
    default StreamTranslator nativeStreamTranslator(ApiCall call, Deployment deployment) {
        throw new UnsupportedOperationException(wire() + " passes nothing through");
    }
}
