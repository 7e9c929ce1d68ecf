package app.router4ai.provider.azure;

import app.router4ai.provider.UpstreamRequest;
import app.router4ai.provider.Wire;
import app.router4ai.provider.openai.OpenAiWire;
import app.router4ai.routing.Deployment;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Azure OpenAI: OpenAI's bodies and streams, with the key in an {@code api-key} header and the deployment in
 * the path, {@code {base}/openai/deployments/{deployment}/chat/completions?api-version=...} (the deployment is
 * the routing file's {@code provider_model}). A base URL ending in {@code /openai/v1} uses Azure's v1 API
 * instead: OpenAI's paths, the deployment as {@code model}, {@code api-version} only when the file sets one.
 * Azure's content-filter refusals are rewritten to OpenAI's error shape ({@link AzureErrors}).
 */
@Component
public class AzureOpenAiWire extends OpenAiWire {

    public AzureOpenAiWire(ObjectMapper json) {
        super(json);
    }

    @Override
    public Wire wire() {
        return Wire.AZURE_OPENAI;
    }

    @Override
    protected String url(String path, Deployment deployment) {
        String base = deployment.provider().baseUrl();
        String version = deployment.provider().apiVersion();
        String query = version == null ? "" : "?api-version=" + URLEncoder.encode(version, StandardCharsets.UTF_8);
        if (base.endsWith("/openai/v1")) {
            return base + path + query;
        }
        return base + "/openai/deployments/" + URLEncoder.encode(deployment.model().providerModel(), StandardCharsets.UTF_8)
                + path + query;
    }

    @Override
    protected Map<String, String> headers(Deployment deployment, boolean stream) {
        return Map.of("api-key", deployment.provider().apiKey(), "Accept", UpstreamRequest.accept(stream));
    }

    @Override
    public byte[] clientErrorBody(int status, byte[] body) {
        return AzureErrors.openAiShape(json, body);
    }
}
