package app.router4ai.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.call.Surface.Operation;
import app.router4ai.provider.Golden;
import app.router4ai.provider.ProviderSettings;
import app.router4ai.provider.UpstreamRequest;
import app.router4ai.provider.Wire;
import app.router4ai.routing.CatalogModel;
import app.router4ai.routing.Deployment;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The request Azure OpenAI gets, in its two URL forms, as Azure's REST reference documents them. */
class AzureOpenAiRequestTest {

    private final AzureOpenAiWire wire = new AzureOpenAiWire(Golden.JSON);
    private final ObjectNode chat = (ObjectNode) Golden.parse("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    private static Deployment at(String baseUrl, String apiVersion) {
        CatalogModel model = new CatalogModel("gpt-4o", "balanced", "azure-east", "gpt4o-prod", BigDecimal.ONE, BigDecimal.TEN, null, 0);
        return new Deployment(model, new ProviderSettings("azure-east", Wire.AZURE_OPENAI, baseUrl, "az-key", "AZURE_EAST_API_KEY",
                apiVersion, false, true));
    }

    @Test
    void theDeploymentIsInThePathAndTheApiVersionInTheQuery() {
        UpstreamRequest request = wire.request(chat, at("https://acme-east.openai.azure.com", "2024-10-21"), true);

        assertThat(request.url()).isEqualTo("https://acme-east.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21");
        assertThat(request.headers()).containsEntry("api-key", "az-key").doesNotContainKey("Authorization")
                .containsEntry("Accept", "text/event-stream");
        assertThat(Golden.parse(new String(request.body())).at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void theV1ApiTakesOpenAisPathsWithTheDeploymentAsModel() {
        UpstreamRequest request = wire.request(chat, at("https://acme-sweden.openai.azure.com/openai/v1", null), false);

        assertThat(request.url()).isEqualTo("https://acme-sweden.openai.azure.com/openai/v1/chat/completions");
        assertThat(Golden.parse(new String(request.body())).get("model").asText()).isEqualTo("gpt4o-prod");
        assertThat(request.headers()).containsEntry("api-key", "az-key");
    }

    @Test
    void embeddingsGoToTheDeploymentsEmbeddingsPath() {
        ObjectNode embed = (ObjectNode) Golden.parse("{\"model\":\"gpt-4o\",\"input\":\"hi\"}");
        UpstreamRequest request = wire.request(Operation.EMBEDDINGS, embed, at("https://acme-east.openai.azure.com", "2024-10-21"), false);

        assertThat(request.url()).isEqualTo("https://acme-east.openai.azure.com/openai/deployments/gpt4o-prod/embeddings?api-version=2024-10-21");
    }

    @Test
    void anotherRefusalKeepsItsOpenAiShape() {
        String body = "{\"error\":{\"message\":\"Unsupported parameter\",\"type\":\"invalid_request_error\",\"param\":\"n\",\"code\":null}}";

        assertThat(Golden.parse(new String(wire.clientErrorBody(400, body.getBytes())))).isEqualTo(Golden.parse(body));
    }
}
