package app.router4ai.provider.openai;

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
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * OpenAI's own wire format, also spoken by DeepSeek and any OpenAI-compatible endpoint: the body goes
 * up as the client sent it but for {@code model}, and the answer comes back as it is. Serves every
 * operation: chat, legacy completions, embeddings and moderations, each on its own path.
 */
@Component
public class OpenAiWire implements WireAdapter {

    protected final ObjectMapper json;

    public OpenAiWire(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Wire wire() {
        return Wire.OPENAI;
    }

    @Override
    public UpstreamRequest request(ObjectNode request, Deployment deployment, boolean stream) {
        ObjectNode body = body(request, deployment, stream);
        OpenAiReasoning.apply(request, body, deployment.model().reasoning());
        OpenAiCacheMarks.strip(body);
        return send("/chat/completions", body, deployment, stream);
    }

    /** Embeddings, legacy completions and moderations: OpenAI's own endpoints, the body as the client sent it. */
    @Override
    public UpstreamRequest request(Operation operation, ObjectNode request, Deployment deployment, boolean stream) {
        return switch (operation) {
            case CHAT -> request(request, deployment, stream);
            case COMPLETIONS -> post("/completions", request, deployment, stream);
            case EMBEDDINGS -> post("/embeddings", request, deployment, false);
            case MODERATIONS -> post("/moderations", request, deployment, false);
        };
    }

    @Override
    public ObjectNode response(Operation operation, JsonNode body, ObjectNode request, Deployment deployment) {
        String list = switch (operation) {
            case CHAT, COMPLETIONS -> "choices";
            case EMBEDDINGS -> "data";
            case MODERATIONS -> "results";
        };
        if (!(body instanceof ObjectNode answer) || !answer.path(list).isArray()) {
            throw new IllegalArgumentException("not an OpenAI " + operation + " answer");
        }
        return answer;
    }

    private UpstreamRequest post(String path, ObjectNode request, Deployment deployment, boolean stream) {
        return send(path, body(request, deployment, stream), deployment, stream);
    }

    private ObjectNode body(ObjectNode request, Deployment deployment, boolean stream) {
        // A shallow copy: top-level fields are ours to change, everything nested is shared, not copied.
        ObjectNode body = json.createObjectNode();
        body.setAll(request);
        body.put("model", deployment.model().providerModel());
        if (stream) {
            ObjectNode options = json.createObjectNode();
            if (request.get("stream_options") instanceof ObjectNode clientOptions) {
                options.setAll(clientOptions);
            }
            body.set("stream_options", options.put("include_usage", true));
        }
        return body;
    }

    private UpstreamRequest send(String path, ObjectNode body, Deployment deployment, boolean stream) {
        return UpstreamRequest.ofJson(json, url(path, deployment), headers(deployment, stream), body);
    }

    /** Where an operation's path is at this deployment's provider. */
    protected String url(String path, Deployment deployment) {
        return deployment.provider().baseUrl() + path;
    }

    /** Our key (none for a keyless server, such as a local vLLM) and what we accept. */
    protected Map<String, String> headers(Deployment deployment, boolean stream) {
        return deployment.provider().keyless() ? Map.of("Accept", UpstreamRequest.accept(stream))
                : Map.of("Authorization", "Bearer " + deployment.provider().apiKey(), "Accept", UpstreamRequest.accept(stream));
    }

    @Override
    public ObjectNode response(JsonNode body, Deployment deployment) {
        if (!(body instanceof ObjectNode completion) || !completion.has("choices")) {
            throw new IllegalArgumentException("not a chat.completion object");
        }
        return completion;
    }

    @Override
    public StreamTranslator streamTranslator(ObjectNode request, Deployment deployment) {
        return new OpenAiStreamTranslator(json);
    }

    @Override
    public byte[] clientErrorBody(int status, byte[] body) {
        return body;
    }

    @Override
    public UpstreamFault classify(int status, byte[] body) {
        return OpenAiErrors.classify(json, status, body);
    }
}
