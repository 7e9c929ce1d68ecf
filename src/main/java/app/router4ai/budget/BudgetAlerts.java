package app.router4ai.budget;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A budget crossed its alert threshold: one WARN line and one count of {@code router.budget.alerts} (tag
 * {@code scope}: key or workspace) per budget, period and instance. The dashboard shows the same from the
 * budget's standing, not from here.
 */
@Component
class BudgetAlerts {

    private static final Logger log = LoggerFactory.getLogger(BudgetAlerts.class);

    private final MeterRegistry meters;

    BudgetAlerts(MeterRegistry meters) {
        this.meters = meters;
    }

    void alert(BudgetStatus status) {
        Budget budget = status.budget();
        String scope = budget.ofKey() ? "key" : "workspace";
        meters.counter("router.budget.alerts", "scope", scope).increment();
        log.warn("Budget alert: {} {} of tenant {} has used {}% of its {} budget ({} tokens, {} this period; alert at {}%){}",
                scope, budget.subject().substring(budget.subject().indexOf(':') + 1), budget.tenantId(),
                status.percentUsed(), budget.period().adjective(), status.usedTokens(), BudgetErrors.usd(status.usedCents()),
                budget.alertPercent(), status.resetsAt() == null ? "" : "; it resets at " + status.resetsAt());
    }
}
