package app.router4ai.routing;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.provider.ProviderHealth;
import app.router4ai.provider.ProviderSettings;
import app.router4ai.provider.Wire;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

/** Each balance orders a model's deployments its own way. */
class DeploymentOrderTest {

    private static final CatalogModel MODEL = new CatalogModel("gpt-4o-mini", "fast", "openai", "gpt-4o-mini",
            BigDecimal.ONE, BigDecimal.ONE, null, 0);

    private final ModelCatalog catalog = app.router4ai.support.BuiltInProviders.catalog(new ByteArrayResource(
            "models: {m: {tier: fast, provider: openai, input_usd_per_million: 1, output_usd_per_million: 1}}".getBytes()));
    private final ProviderHealth health = new ProviderHealth(catalog, new SimpleMeterRegistry());
    private final DeploymentLoad load = new DeploymentLoad();
    private final DeploymentOrder order = new DeploymentOrder(health, load);

    DeploymentOrderTest() throws IOException {
    }

    private static Deployment on(String key, int weight) {
        return new Deployment(MODEL, new ProviderSettings(key, Wire.OPENAI, "http://x", "k", "K"), key, weight);
    }

    private List<String> keys(List<Deployment> deployments) {
        return deployments.stream().map(Deployment::key).toList();
    }

    @Test
    void leastBusyPutsTheOneWithFewestRequestsInFlightFirst() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            load.started("a", new DefaultExchange(camel));
            load.started("a", new DefaultExchange(camel));
            load.started("b", new DefaultExchange(camel));
            assertThat(keys(order.order(new ModelRoute(List.of(on("a", 1), on("b", 1), on("c", 1)), Balance.LEAST_BUSY))))
                    .containsExactly("c", "b", "a");
        }
    }

    @Test
    void lowestLatencyPutsTheFastestFirstAndTriesAnUnmeasuredOne() {
        health.succeeded("a", System.nanoTime() - 200_000_000L);
        health.succeeded("b", System.nanoTime() - 50_000_000L);
        assertThat(keys(order.order(new ModelRoute(List.of(on("a", 1), on("b", 1), on("c", 1)), Balance.LOWEST_LATENCY))))
                .containsExactly("c", "b", "a");
    }

    @Test
    void weightZeroComesOnlyAfterTheWeightedOnes() {
        for (int i = 0; i < 50; i++) {
            assertThat(keys(order.order(new ModelRoute(List.of(on("spare", 0), on("main", 5)), Balance.WEIGHTED))))
                    .containsExactly("main", "spare");
        }
    }
}
