package app.router4ai.billing;

import java.math.BigDecimal;

/**
 * One paid plan. A subscription to it has two Stripe prices: the monthly base fee (licensed, quantity 1)
 * and the metered usage price (graduated: {@code includedTokens} free, then the overage per token), fed by
 * meter events.
 *
 * @param monthlyPriceUsd            base fee per month
 * @param includedTokens             tokens per period covered by the base fee
 * @param overageUsdPerMillionTokens price of tokens beyond the included ones
 * @param stripeBasePrice            Stripe price id of the base fee ({@code price_...})
 * @param stripeUsagePrice           Stripe price id of the metered usage
 */
public record PlanSettings(BigDecimal monthlyPriceUsd, long includedTokens, BigDecimal overageUsdPerMillionTokens,
                           String stripeBasePrice, String stripeUsagePrice) {

    public boolean purchasable() {
        return stripeBasePrice != null && !stripeBasePrice.isBlank() && stripeUsagePrice != null
                && !stripeUsagePrice.isBlank();
    }
}
