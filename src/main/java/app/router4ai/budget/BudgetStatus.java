package app.router4ai.budget;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A budget's standing: its limits, what was spent in the current period, and when it starts over (null for a
 * lifetime budget).
 */
public record BudgetStatus(Budget budget, long usedTokens, BigDecimal usedCents, Instant resetsAt) {

    /** Tokens left, or null when the budget has no token limit. */
    public Long tokensLeft() {
        return budget.limitTokens() == null ? null : Math.max(0, budget.limitTokens() - usedTokens);
    }

    /** Cents left, or null when the budget has no USD limit. */
    public BigDecimal centsLeft() {
        return budget.limitCents() == null ? null : budget.limitCents().subtract(usedCents).max(BigDecimal.ZERO);
    }

    /** The larger share used of either limit, 0–100 (more when overshot): what the dashboard's bar shows. */
    public int percentUsed() {
        double tokens = budget.limitTokens() == null || budget.limitTokens() == 0 ? 0 : 100.0 * usedTokens / budget.limitTokens();
        double cents = budget.limitCents() == null || budget.limitCents().signum() == 0 ? 0
                : usedCents.doubleValue() * 100 / budget.limitCents().doubleValue();
        boolean zeroLimit = (budget.limitTokens() != null && budget.limitTokens() == 0)
                || (budget.limitCents() != null && budget.limitCents().signum() == 0);
        return zeroLimit ? 100 : (int) Math.floor(Math.max(tokens, cents));
    }

    public boolean spent() {
        return (tokensLeft() != null && tokensLeft() == 0) || (centsLeft() != null && centsLeft().signum() == 0);
    }

    public boolean pastAlert() {
        return percentUsed() >= budget.alertPercent();
    }
}
