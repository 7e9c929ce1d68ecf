package app.router4ai.budget;

import app.router4ai.api.ApiError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** The 402 of a spent budget, in OpenAI's {@code insufficient_quota} shape (Anthropic's on /v1/messages). */
final class BudgetErrors {

    private BudgetErrors() {
    }

    static ApiError spent(Budget budget, long[] used, Instant resetsAt) {
        StringBuilder message = new StringBuilder(budget.title()).append(" is spent: ");
        boolean tokensSpent = budget.limitTokens() != null && used[0] >= budget.limitTokens();
        if (tokensSpent) {
            message.append(String.format(Locale.ROOT, "%,d of %,d tokens used", used[0], budget.limitTokens()));
        } else {
            message.append(usd(Spend.cents(used[1]))).append(" of ").append(usd(budget.limitCents())).append(" used");
        }
        message.append(resetsAt == null ? ". It does not reset: raise or clear it in the dashboard or the admin API."
                : ". It resets at " + resetsAt + ".");
        return new ApiError(402, "insufficient_quota", "budget_exceeded", null, message.toString(),
                Map.of("x-should-retry", "false"));
    }

    /** US cents as dollars: two decimals, more when a small amount needs them ($0.0015). */
    static String usd(BigDecimal cents) {
        BigDecimal dollars = cents.movePointLeft(2).stripTrailingZeros();
        if (dollars.scale() < 2) {
            dollars = dollars.setScale(2, RoundingMode.UNNECESSARY);
        }
        return "$" + dollars.setScale(Math.min(dollars.scale(), 6), RoundingMode.HALF_UP).toPlainString();
    }
}
