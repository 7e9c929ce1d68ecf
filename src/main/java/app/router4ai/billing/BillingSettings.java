package app.router4ai.billing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Trial and plans ({@code router.billing.*}). The plan prices here are what the API reports and what the
 * Stripe prices (ids in {@link PlanSettings}) must be set up to charge: Stripe computes the invoice.
 *
 * @param trial             what a new tenant gets
 * @param plans             the paid plans by name ({@code pro}, {@code business})
 * @param reconcileInterval how often each instance re-reads balances and plans from the database; it bounds
 *                          how long usage on other instances and webhook changes take to show here
 */
@ConfigurationProperties("router.billing")
public record BillingSettings(@DefaultValue TrialSettings trial, Map<String, PlanSettings> plans,
                              @DefaultValue("5s") Duration reconcileInterval) {

    /** The defaults (also in application.yaml, where the Stripe price ids come from the environment). */
    public static final Map<String, PlanSettings> DEFAULT_PLANS = Map.of(
            "pro", new PlanSettings(new BigDecimal("49"), 20_000_000, new BigDecimal("2.00"), null, null),
            "business", new PlanSettings(new BigDecimal("499"), 250_000_000, new BigDecimal("1.50"), null, null));

    public BillingSettings {
        plans = plans == null || plans.isEmpty() ? DEFAULT_PLANS : Map.copyOf(plans);
    }

    /** @param tokens prompt + completion tokens included; @param days how long the trial lasts */
    public record TrialSettings(@DefaultValue("1000000") long tokens, @DefaultValue("14") int days) {
    }
}
