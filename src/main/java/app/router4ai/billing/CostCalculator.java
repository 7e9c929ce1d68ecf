package app.router4ai.billing;

import app.router4ai.call.Usage;
import app.router4ai.routing.CatalogModel;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/**
 * What a call costs, in US cents, from the catalog's list prices (USD per million tokens), in exact
 * decimal arithmetic. Of the prompt tokens, cache reads are charged at the cached price and cache writes at
 * the cache-write price where the catalog gives them; the rest (and those without a price of their own) at
 * the input price.
 */
@Component
public class CostCalculator {

    // USD per million tokens → cents per token: × 100 / 1,000,000.
    private static final BigDecimal CENTS_PER_USD_PER_MILLION = new BigDecimal("0.0001");

    public BigDecimal costCents(CatalogModel model, Usage usage) {
        long cached = model.cachedInputUsdPerMillion() == null ? 0 : Math.min(usage.cachedTokens(), usage.promptTokens());
        long written = model.cacheWriteUsdPerMillion() == null ? 0
                : Math.min(usage.cacheWriteTokens(), usage.promptTokens() - cached);
        BigDecimal input = model.inputUsdPerMillion().multiply(BigDecimal.valueOf(usage.promptTokens() - cached - written));
        BigDecimal cachedInput = cached == 0 ? BigDecimal.ZERO
                : model.cachedInputUsdPerMillion().multiply(BigDecimal.valueOf(cached));
        BigDecimal cacheWrites = written == 0 ? BigDecimal.ZERO
                : model.cacheWriteUsdPerMillion().multiply(BigDecimal.valueOf(written));
        BigDecimal output = model.outputUsdPerMillion().multiply(BigDecimal.valueOf(usage.completionTokens()));
        BigDecimal cents = input.add(cachedInput).add(cacheWrites).add(output).multiply(CENTS_PER_USD_PER_MILLION);
        return cents.signum() == 0 ? BigDecimal.ZERO : cents.stripTrailingZeros();
    }
}
