package app.router4ai.budget;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** A budget's standing as the admin API, {@code GET /v1/usage} and the dashboard show it (USD as dollars). */
public final class BudgetJson {

    private BudgetJson() {
    }

    public static ObjectNode write(BudgetStatus status, ObjectNode into) {
        Budget budget = status.budget();
        into.put("scope", budget.ofKey() ? "key" : "workspace")
                .put("id", budget.subject().substring(budget.subject().indexOf(':') + 1))
                .put("period", budget.period().id())
                .put("limit_usd", dollars(budget.limitCents()))
                .put("limit_tokens", budget.limitTokens())
                .put("alert_threshold_percent", budget.alertPercent())
                .put("used_usd", dollars(status.usedCents()))
                .put("used_tokens", status.usedTokens())
                .put("remaining_usd", dollars(status.centsLeft()))
                .put("remaining_tokens", status.tokensLeft())
                .put("percent_used", status.percentUsed())
                .put("spent", status.spent())
                .put("resets_at", status.resetsAt() == null ? null : status.resetsAt().toString());
        return into;
    }

    static BigDecimal dollars(BigDecimal cents) {
        return cents == null ? null : cents.movePointLeft(2).stripTrailingZeros();
    }
}
