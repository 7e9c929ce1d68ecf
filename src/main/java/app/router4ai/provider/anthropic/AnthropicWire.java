package app.router4ai.provider.anthropic;

import app.router4ai.call.ApiCall;
import app.router4ai.call.Surface;
import app.router4ai.provider.ClientBodies;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Anthropic's Messages API ({@code POST {baseUrl}/v1/messages}). The mapping itself lives in the
 * mappers of this package; this class only wires them to the {@link WireAdapter} contract.
 */
@Component
public class AnthropicWire implements WireAdapter {

    static final String API_VERSION = "2023-06-01";

    private final ObjectMapper json;
    private final Clock clock;
    private final AnthropicRequestMapper requests;
    private final AnthropicResponseMapper responses;

    @Autowired
    public AnthropicWire(ObjectMapper json) {
        this(json, Clock.systemUTC());
    }

    AnthropicWire(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
        this.requests = new AnthropicRequestMapper(json);
        this.responses = new AnthropicResponseMapper(json, clock);
    }

    @Override
    public Wire wire() {
        return Wire.ANTHROPIC;
    }

    @Override
    public UpstreamRequest request(ObjectNode request, Deployment deployment, boolean stream) {
        ObjectNode body = requests.map(request, deployment.model(), stream);
        return UpstreamRequest.ofJson(json, deployment.provider().baseUrl() + "/v1/messages",
                Map.of("x-api-key", deployment.provider().apiKey(),
                        "anthropic-version", API_VERSION,
                        "Accept", UpstreamRequest.accept(stream)),
                body);
    }

    @Override
    public ObjectNode response(JsonNode body, Deployment deployment) {
        return responses.map(body, deployment.model().providerModel(), false);
    }

    @Override
    public ObjectNode response(JsonNode body, ObjectNode request, Deployment deployment) {
        return responses.map(body, deployment.model().providerModel(), AnthropicJsonResponse.asked(request));
    }

    @Override
    public StreamTranslator streamTranslator(ObjectNode request, Deployment deployment) {
        return new AnthropicStreamTranslator(json, clock, deployment.model().providerModel(), AnthropicJsonResponse.asked(request));
    }

    /** Anthropic's own Messages API: {@code /v1/messages} (and its count_tokens) is passed through. */
    @Override
    public boolean speaks(Surface surface) {
        return surface == Surface.MESSAGES;
    }

    /**
     * The client's bytes with the provider's model id, to the path the client called; the client's
     * {@code anthropic-version} and {@code anthropic-beta} go along (ours when it sent no version).
     */
    @Override
    public UpstreamRequest nativeRequest(ApiCall call, Deployment deployment) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-api-key", deployment.provider().apiKey());
        headers.put("anthropic-version", API_VERSION);
        headers.putAll(call.forwardedHeaders());
        headers.put("Accept", UpstreamRequest.accept(call.stream()));
        return new UpstreamRequest(deployment.provider().baseUrl() + call.path(), headers,
                ClientBodies.withModel(call.clientBytes(), deployment.model().providerModel()));
    }

    @Override
    public StreamTranslator nativeStreamTranslator(ApiCall call, Deployment deployment) {
        return new AnthropicPassThroughStream(new AnthropicStreamTranslator(json, clock, deployment.model().providerModel(), false));
    }

    @Override
    public byte[] clientErrorBody(int status, byte[] body) {
        return AnthropicErrors.clientErrorBody(json, status, body);
    }

    @Override
    public UpstreamFault classify(int status, byte[] body) {
        return AnthropicErrors.classify(json, status, body);
    }
}
