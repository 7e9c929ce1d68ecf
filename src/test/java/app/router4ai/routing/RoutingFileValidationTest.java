package app.router4ai.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.router4ai.support.BuiltInProviders;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

/** Each way a routing file can be wrong is refused with what is wrong and the line it is on; nothing half-valid serves. */
class RoutingFileValidationTest {

    private static final String GROQ = """
            providers:
              groq:
                wire: openai
                base_url: https://api.groq.com/openai/v1
                api_key_env: GROQ_API_KEY
            """;
    private static final String MODELS = """
            models:
              llama: {tier: fast, provider: groq, input_usd_per_million: 0.59, output_usd_per_million: 0.79}
              gpt-4o-mini: {tier: fast, provider: openai, input_usd_per_million: 0.15, output_usd_per_million: 0.6}
            """;

    private static ModelCatalog read(String yaml) throws IOException {
        return new ModelCatalog(new ByteArrayResource(yaml.getBytes(), "routing.yaml"), BuiltInProviders.withKey("k"),
                Map.of("GROQ_API_KEY", "gsk-1")::get);
    }

    @Test
    void aValidFileWithAProviderOfItsOwnReads() throws IOException {
        RoutingConfig config = read(GROQ + MODELS).current();
        assertThat(config.providers()).containsKeys("groq", "openai", "anthropic", "gemini", "deepseek");
        assertThat(config.providers().get("groq").configured()).isTrue();
        assertThat(config.route("llama").deployments()).extracting(Deployment::key).containsExactly("groq");
    }

    @Test
    void aHedgeWithoutItsDelayIsRefused() {
        assertThatThrownBy(() -> read(GROQ + MODELS + "tiers:\n  fast: {strategy: affinity, hedge: {max_percent: 5}}\n"))
                .hasMessageContaining("tier fast.hedge.after_ms must be a positive number of milliseconds or 'p95'");
    }

    @Test
    void anUnknownWire() {
        assertThatThrownBy(() -> read(GROQ.replace("wire: openai", "wire: grpc") + MODELS))
                .hasMessageContaining("line 3").hasMessageContaining("provider groq has wire 'grpc', expected one of openai, anthropic, gemini, azure-openai");
    }

    @Test
    void aModelOnAnUnknownProvider() {
        assertThatThrownBy(() -> read(GROQ + MODELS.replace("provider: groq", "provider: grok")))
                .hasMessageContaining("line 7").hasMessageContaining("model llama is on provider 'grok'");
    }

    @Test
    void anEnabledProviderWithoutAKeyVariable() {
        assertThatThrownBy(() -> read(GROQ.replace("    api_key_env: GROQ_API_KEY\n", "") + MODELS))
                .hasMessageContaining("line 2").hasMessageContaining("provider groq names no key");
    }

    @Test
    void aKeyWrittenIntoTheFile() {
        assertThatThrownBy(() -> read(GROQ.replace("api_key_env: GROQ_API_KEY", "api_key: gsk-live-secret") + MODELS))
                .hasMessageContaining("line 5").hasMessageContaining("has its key written in the file")
                .hasMessageNotContaining("gsk-live-secret");
    }

    @Test
    void aProviderWhoseKeyVariableIsNotSetIsDisabledNotRefused() throws IOException {
        RoutingConfig config = read(GROQ.replace("GROQ_API_KEY", "GROQ_UNSET_KEY") + MODELS).current();
        assertThat(config.providers().get("groq").configured()).isFalse();
        assertThat(config.providers().get("groq").keyVariable()).isEqualTo("GROQ_UNSET_KEY");
    }

    @Test
    void aProviderTurnedOffNeedsNoKeyAndSaysWhyItIsUnused() throws IOException {
        RoutingConfig config = read(GROQ.replace("    api_key_env: GROQ_API_KEY\n", "    enabled: false\n") + MODELS).current();
        assertThat(config.providers().get("groq").configured()).isFalse();
        assertThat(config.providers().get("groq").whyDisabled()).isEqualTo("enabled: false in the routing file");
    }

    @Test
    void aTierNamingAnUnknownModel() {
        assertThatThrownBy(() -> read(GROQ + MODELS + "tiers:\n  fast:\n    models: [llama, gpt-5]\n"))
                .hasMessageContaining("line 11").hasMessageContaining("tier fast names unknown model 'gpt-5'");
    }

    @Test
    void aModelOnATierNoOneDefined() {
        assertThatThrownBy(() -> read(GROQ + MODELS.replace("{tier: fast, provider: groq", "{tier: turbo, provider: groq")))
                .hasMessageContaining("line 7").hasMessageContaining("tier 'turbo'");
    }

    @Test
    void duplicateIds() {
        assertThatThrownBy(() -> read(GROQ + MODELS + "  llama: {tier: fast, provider: groq, input_usd_per_million: 1, output_usd_per_million: 1}\n"))
                .hasMessageContaining("Duplicate field 'llama'").hasMessageContaining("line: 9");
        assertThatThrownBy(() -> read(GROQ + MODELS + "groups:\n  llama: [gpt-4o-mini]\n"))
                .hasMessageContaining("line 10").hasMessageContaining("duplicate id: group llama has the name of a model");
        assertThatThrownBy(() -> read(GROQ + MODELS + "groups:\n  fast: [gpt-4o-mini]\n"))
                .hasMessageContaining("duplicate id: group fast has the name of a tier");
        assertThatThrownBy(() -> read(GROQ + """
                models:
                  gpt-4o-mini:
                    tier: fast
                    input_usd_per_million: 0.15
                    output_usd_per_million: 0.6
                    deployments:
                      - {provider: openai}
                      - {provider: openai}
                """)).hasMessageContaining("line 13").hasMessageContaining("two deployments with id 'openai'");
    }

    @Test
    void aDeploymentWithItsOwnEndpointNeedsAnId() {
        assertThatThrownBy(() -> read(GROQ + """
                models:
                  gpt-4o-mini:
                    tier: fast
                    input_usd_per_million: 0.15
                    output_usd_per_million: 0.6
                    deployments:
                      - {provider: openai, base_url: "https://eu.api.openai.com/v1", api_key_env: OPENAI_EU_KEY}
                """)).hasMessageContaining("line 12").hasMessageContaining("needs an 'id'");
    }

    @Test
    void azureWithoutAnApiVersion() {
        assertThatThrownBy(() -> read(GROQ.replace("wire: openai", "wire: azure-openai")
                .replace("https://api.groq.com/openai/v1", "https://my-east.openai.azure.com") + MODELS))
                .hasMessageContaining("line 2").hasMessageContaining("needs 'api_version'");
    }

    @Test
    void theReadmesRealisticExampleReads() throws IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        int from = readme.indexOf("```yaml\n", readme.indexOf("A realistic file")) + "```yaml\n".length();
        String example = readme.substring(from, readme.indexOf("```", from));
        RoutingConfig config = new ModelCatalog(new ByteArrayResource(example.getBytes(), "README"), BuiltInProviders.withKey("k"),
                Map.of("OPENAI_ORG_B_API_KEY", "sk-b", "AZURE_EAST_API_KEY", "az-1")::get).current();

        assertThat(config.route("gpt-4o-mini").deployments()).extracting(Deployment::key)
                .containsExactly("openai", "openai-org-b", "azure-east");
        assertThat(config.route("gpt-4o-mini").balance()).isEqualTo(Balance.LEAST_BUSY);
        assertThat(config.providers().get("vllm").configured()).isTrue();
        assertThat(config.providers().get("azure-sweden").configured()).isFalse();   // its key file is not on this machine
        assertThat(config.tier("fast").models()).startsWith("llama-3.3-70b");
        assertThat(config.groups()).containsKey("coding");
    }
}
