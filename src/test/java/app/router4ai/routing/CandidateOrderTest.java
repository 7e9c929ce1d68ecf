package app.router4ai.routing;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.provider.ProviderHealth;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

/** Each tier strategy orders the same candidates its own way. */
class CandidateOrderTest {

    private static final String MODELS = """
            models:
              gpt-4o-mini: {tier: fast, provider: openai, input_usd_per_million: 0.15, output_usd_per_million: 0.60}
              claude-haiku-4-5: {tier: fast, provider: anthropic, input_usd_per_million: 1.0, output_usd_per_million: 5.0}
              gemini-1.5-flash: {tier: fast, provider: gemini, input_usd_per_million: 0.075, output_usd_per_million: 0.30}
              deepseek-chat: {tier: fast, provider: deepseek, input_usd_per_million: 0.28, output_usd_per_million: 0.42}
              gpt-4o: {tier: balanced, provider: openai, input_usd_per_million: 2.5, output_usd_per_million: 10}
            """;

    private List<String> order(String tiers, String requested, ProviderHealth health) throws IOException {
        ModelCatalog catalog = catalog(MODELS + tiers);
        CandidateOrder order = new CandidateOrder(health == null ? new ProviderHealth(catalog, new SimpleMeterRegistry()) : health);
        return order.order(catalog.find(requested).orElseThrow(), catalog.current()).stream().map(CatalogModel::provider).toList();
    }

    private static ModelCatalog catalog(String yaml) throws IOException {
        return app.router4ai.support.BuiltInProviders.catalog(new ByteArrayResource(yaml.getBytes()));
    }

    @Test
    void affinityPutsTheRequestedProviderFirstThenTheOperatorsOrder() throws IOException {
        assertThat(order("tiers: {fast: {strategy: affinity, order: [deepseek, gemini, anthropic, openai]}}", "claude-haiku-4-5", null))
                .containsExactly("anthropic", "deepseek", "gemini", "openai");
    }

    @Test
    void cheapestSortsByListPriceAndStaysInTheTier() throws IOException {
        assertThat(order("tiers: {fast: {strategy: cheapest}}", "claude-haiku-4-5", null))
                .containsExactly("gemini", "deepseek", "openai", "anthropic");
    }

    @Test
    void fastestPrefersTheLowestObservedTimeToFirstByte() throws IOException {
        ModelCatalog catalog = catalog(MODELS + "tiers: {fast: {strategy: fastest}}");
        ProviderHealth health = new ProviderHealth(catalog, new SimpleMeterRegistry());
        health.succeeded("openai", System.nanoTime() - 300_000_000L);
        health.succeeded("anthropic", System.nanoTime() - 50_000_000L);
        health.succeeded("gemini", System.nanoTime() - 120_000_000L);
        health.succeeded("deepseek", System.nanoTime() - 200_000_000L);
        assertThat(new CandidateOrder(health).order(catalog.find("gpt-4o-mini").orElseThrow(), catalog.current())
                .stream().map(CatalogModel::provider)).containsExactly("anthropic", "gemini", "deepseek", "openai");
    }

    @Test
    void weightedDrawsInProportionToTheWeights() throws IOException {
        ModelCatalog catalog = catalog(MODELS + "tiers: {fast: {strategy: weighted, weights: {openai: 6, anthropic: 3, gemini: 1, deepseek: 0}}}");
        CandidateOrder order = new CandidateOrder(new ProviderHealth(catalog, new SimpleMeterRegistry()));
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            List<CatalogModel> drawn = order.order(catalog.find("gpt-4o-mini").orElseThrow(), catalog.current());
            first.merge(drawn.getFirst().provider(), 1, Integer::sum);
            assertThat(drawn.getLast().provider()).as("weight 0 comes last").isEqualTo("deepseek");
        }
        assertThat(first.get("openai")).isBetween(2_700, 3_300);
        assertThat(first.get("anthropic")).isBetween(1_200, 1_800);
        assertThat(first.get("gemini")).isBetween(300, 700);
        assertThat(first).doesNotContainKey("deepseek");
    }

    @Test
    void anUnknownStrategyIsRejectedWithItsPlace() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RoutingConfig.parse(
                new ObjectMapper(new YAMLFactory()).readTree(MODELS + "tiers: {fast: {strategy: random}}"), "routing.yaml"))
                .hasMessageContaining("tier fast").hasMessageContaining("'random'");
    }
}
