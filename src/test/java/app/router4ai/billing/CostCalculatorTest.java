package app.router4ai.billing;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.call.Usage;
import app.router4ai.routing.CatalogModel;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {

    private final CostCalculator costs = new CostCalculator();

    @Test
    void centsAreExactFromPricesPerMillionTokens() {
        CatalogModel mini = new CatalogModel("gpt-4o-mini", "fast", "openai", "gpt-4o-mini",
                new BigDecimal("0.15"), new BigDecimal("0.60"), new BigDecimal("0.075"), 0);
        assertThat(costs.costCents(mini, new Usage(14, 18, 0))).isEqualByComparingTo("0.00129");
        assertThat(costs.costCents(mini, new Usage(1_000_000, 0, 0))).isEqualByComparingTo("15");
        // 1,000 cached of 2,000 prompt tokens: 1,000 × 0.15 + 1,000 × 0.075 → $0.000225 = 0.0225 cents.
        assertThat(costs.costCents(mini, new Usage(2_000, 0, 1_000))).isEqualByComparingTo("0.0225");
        assertThat(costs.costCents(mini, Usage.NONE)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void withoutACachedPriceCachedTokensCostTheFullInputPrice() {
        CatalogModel turbo = new CatalogModel("gpt-4-turbo", "premium", "openai", "gpt-4-turbo",
                new BigDecimal("10"), new BigDecimal("30"), null, 0);
        assertThat(costs.costCents(turbo, new Usage(100, 10, 50))).isEqualByComparingTo("0.13");
    }
}
