package app.router4ai.provider;

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

    /** A fresh translator for one streamed response. */
    StreamTranslator streamTranslator(ObjectNode request, Deployment deployment);

    /**
     * The body the client gets when the provider refused the request itself (HTTP 400, 404, 413, 422):
     * an OpenAI error object. For OpenAI-format providers, the provider's own body unchanged.
     */
    byte[] clientErrorBody(int status, byte[] body);

    /**
     * Whether a 4xx that looks like the request's fault is really the provider refusing our API key
     * (Gemini answers a bad key with 400 INVALID_ARGUMENT). Such a refusal is a provider failure:
     * fail over, and never show the client the provider's message about our key.
     */
    default boolean refusedOurKey(int status, byte[] body) {
        return false;
    }
}
