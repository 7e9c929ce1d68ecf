package app.router4ai.provider.openai;

import app.router4ai.provider.StreamTranslator;
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
 * up as the client sent it but for {@code model}, and the answer comes back as it is.
 */
@Component
public class OpenAiWire implements WireAdapter {

    private final ObjectMapper json;

    public OpenAiWire(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Wire wire() {
        return Wire.OPENAI;
    }

    @Override
    public UpstreamRequest request(ObjectNode request, Deployment deployment, boolean stream) {
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
        return UpstreamRequest.ofJson(json, deployment.provider().baseUrl() + "/chat/completions",
                Map.of("Authorization", "Bearer " + deployment.provider().apiKey(), "Accept", UpstreamRequest.accept(stream)),
                body);
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
}
