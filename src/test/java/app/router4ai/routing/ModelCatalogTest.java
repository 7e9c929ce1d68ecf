package app.router4ai.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class ModelCatalogTest {

    @Test
    void theShippedCatalogListsTheNineModelsOfTheProductPageByTier() throws IOException {
        ModelCatalog catalog = app.router4ai.support.BuiltInProviders.catalog(new ClassPathResource("models.yaml"));
        assertThat(chat(catalog).toList()).hasSize(9);
        assertThat(chat(catalog).filter(m -> m.tier().equals("fast")).map(CatalogModel::id))
                .containsExactlyInAnyOrder("gpt-4o-mini", "claude-haiku-4-5", "gemini-1.5-flash", "deepseek-chat");
        assertThat(chat(catalog).filter(m -> m.tier().equals("balanced")).map(CatalogModel::id))
                .containsExactlyInAnyOrder("gpt-4o", "claude-sonnet-4-6", "gemini-1.5-pro");
        assertThat(chat(catalog).filter(m -> m.tier().equals("premium")).map(CatalogModel::id))
                .containsExactlyInAnyOrder("claude-opus-4-7", "gpt-4-turbo");
    }

    @Test
    void embeddingModelsCarryTheirDimensionsAndStandInOnlyForTheirLikes() throws IOException {
        ModelCatalog catalog = app.router4ai.support.BuiltInProviders.catalog(new ClassPathResource("models.yaml"));
        CatalogModel small = catalog.find("text-embedding-3-small").orElseThrow();
        CatalogModel large = catalog.find("text-embedding-3-large").orElseThrow();
        CatalogModel gemini = catalog.find("gemini-embedding-001").orElseThrow();

        assertThat(small.kind()).isEqualTo(ModelKind.EMBEDDING);
        assertThat(small.dimensions()).isEqualTo(1536);
        assertThat(small.outputUsdPerMillion()).isZero();
        assertThat(gemini.canStandInFor(large)).isTrue();
        assertThat(gemini.canStandInFor(small)).isFalse();
        assertThat(catalog.find("gpt-4o").orElseThrow().canStandInFor(large)).isFalse();
        assertThat(catalog.find("gpt-3.5-turbo-instruct").orElseThrow().kind()).isEqualTo(ModelKind.COMPLETION);
        assertThatThrownBy(() -> RoutingConfig.parse(yaml("models: {e: {kind: embedding, tier: fast, provider: openai, "
                + "input_usd_per_million: 1}}"), "test.yaml")).hasMessageContaining("dimensions");
        assertThatThrownBy(() -> RoutingConfig.parse(yaml("models: {e: {kind: image, tier: fast, provider: openai, "
                + "input_usd_per_million: 1, output_usd_per_million: 1}}"), "test.yaml")).hasMessageContaining("kind 'image'");
    }

    private static java.util.stream.Stream<CatalogModel> chat(ModelCatalog catalog) {
        return catalog.all().stream().filter(m -> m.kind() == ModelKind.CHAT);
    }

    @Test
    void anInvalidEntrySaysWhatIsWrong() {
        assertThatThrownBy(() -> RoutingConfig.parse(yaml("models: {m: {tier: turbo, provider: openai, "
                + "input_usd_per_million: 1, output_usd_per_million: 1}}"), "test.yaml"))
                .hasMessageContaining("tier 'turbo'");
        assertThatThrownBy(() -> RoutingConfig.parse(yaml("models: {m: {tier: fast, provider: openai, "
                + "input_usd_per_million: -1, output_usd_per_million: 1}}"), "test.yaml"))
                .hasMessageContaining("input_usd_per_million");
        assertThatThrownBy(() -> RoutingConfig.parse(yaml("models: {}"), "test.yaml")).hasMessageContaining("no models");
    }

    private static com.fasterxml.jackson.databind.JsonNode yaml(String text) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(text);
    }
}
