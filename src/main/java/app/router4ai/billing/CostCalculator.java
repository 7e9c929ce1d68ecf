package app.router4ai.billing;

import app.router4ai.call.Usage;
import app.router4ai.routing.CatalogModel;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/**
 * What a call costs, in US cents, from the catalog's list prices (USD per million tokens), in exact
 * decimal arithmetic. Cached prompt tokens are charged at the cached price where the catalog gives one.
 */
@Component
public class CostCalculator {

    // USD per million tokens → cents per token: × 100 / 1,000,000.
    private static final BigDecimal CENTS_PER_USD_PER_MILLION = new BigDecimal("0.0001");

    public BigDecimal costCents(CatalogModel model, Usage usage) {
        long cached = model.cachedInputUsdPerMillion() == null ? 0 : Math.min(usage.cachedTokens(), usage.promptTokens());
        BigDecimal input = model.inputUsdPerMillion().multiply(BigDecimal.valueOf(usage.promptTokens() - cached));
        BigDecimal cachedInput = cached == 0 ? BigDecimal.ZERO
                : model.cachedInputUsdPerMillion().multiply(BigDecimal.valueOf(cached));
        BigDecimal output = model.outputUsdPerMillion().multiply(BigDecimal.valueOf(usage.completionTokens()));
        BigDecimal cents = input.add(cachedInput).add(output).multiply(CENTS_PER_USD_PER_MILLION);
        return cents.signum() == 0 ? BigDecimal.ZERO : cents.stripTrailingZeros();
    }
}
