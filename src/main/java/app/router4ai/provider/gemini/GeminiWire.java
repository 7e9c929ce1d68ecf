package app.router4ai.provider.gemini;

import app.router4ai.call.Surface.Operation;
import app.router4ai.provider.StreamTranslator;
import app.router4ai.provider.UpstreamFault;
import app.router4ai.provider.UpstreamRequest;
import app.router4ai.provider.Wire;
import app.router4ai.provider.WireAdapter;
import app.router4ai.routing.Deployment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Google's Gemini API: {@code POST {baseUrl}/v1beta/models/{model}:generateContent}, or
 * {@code :streamGenerateContent?alt=sse} when streaming (plain SSE rather than a JSON array). The key
 * goes in {@code x-goog-api-key}, never in the URL, so it cannot end up in access logs.
 */
@Component
public class GeminiWire implements WireAdapter {

    private final ObjectMapper json;
    private final Clock clock;
    private final GeminiRequestMapper requests;
    private final GeminiResponseMapper responses;
    private final GeminiEmbeddingMapper embeddings;

    @Autowired
    public GeminiWire(ObjectMapper json) {
        this(json, Clock.systemUTC());
    }

    GeminiWire(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
        this.requests = new GeminiRequestMapper(json);
        this.responses = new GeminiResponseMapper(json, clock);
        this.embeddings = new GeminiEmbeddingMapper(json);
    }

    @Override
    public Wire wire() {
        return Wire.GEMINI;
    }

    @Override
    public UpstreamRequest request(ObjectNode request, Deployment deployment, boolean stream) {
        String model = deployment.model().providerModel();
        ObjectNode body = requests.map(request, model, deployment.model().reasoning());
        String url = deployment.provider().baseUrl() + "/v1beta/models/" + model
                + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
        return UpstreamRequest.ofJson(json, url,
                Map.of("x-goog-api-key", deployment.provider().apiKey(), "Accept", UpstreamRequest.accept(stream)),
                body);
    }

    /** Embeddings through {@code :batchEmbedContents} (batched: one call for every input); nothing else. */
    @Override
    public UpstreamRequest request(Operation operation, ObjectNode request, Deployment deployment, boolean stream) {
        if (operation != Operation.EMBEDDINGS) {
            return WireAdapter.super.request(operation, request, deployment, stream);
        }
        String model = deployment.model().providerModel();
        return UpstreamRequest.ofJson(json, deployment.provider().baseUrl() + "/v1beta/models/" + model + ":batchEmbedContents",
                Map.of("x-goog-api-key", deployment.provider().apiKey(), "Accept", UpstreamRequest.accept(false)),
                embeddings.request(request, model));
    }

    @Override
    public ObjectNode response(Operation operation, JsonNode body, ObjectNode request, Deployment deployment) {
        if (operation != Operation.EMBEDDINGS) {
            return WireAdapter.super.response(operation, body, request, deployment);
        }
        return embeddings.response(body, request, deployment.model().providerModel());
    }

    @Override
    public ObjectNode response(JsonNode body, Deployment deployment) {
        return responses.map(body, deployment.model().providerModel());
    }

    @Override
    public StreamTranslator streamTranslator(ObjectNode request, Deployment deployment) {
        return new GeminiStreamTranslator(json, clock, deployment.model().providerModel());
    }

    @Override
    public byte[] clientErrorBody(int status, byte[] body) {
        return GeminiErrors.clientErrorBody(json, status, body);
    }

    @Override
    public UpstreamFault classify(int status, byte[] body) {
        return GeminiErrors.classify(json, status, body);
    }
}
