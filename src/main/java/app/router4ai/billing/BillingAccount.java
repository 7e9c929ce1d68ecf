package app.router4ai.billing;

import java.time.Instant;

/** A tenant's plan and Stripe state (table tenant_billing). */
public record BillingAccount(String tenantId, String plan, Instant trialStartedAt, Instant trialEndsAt, long trialTokens,
                             String stripeCustomerId, String subscriptionId, String subscriptionStatus,
                             Instant currentPeriodEnd, boolean cancelAtPeriodEnd) {

    public static final String TRIAL = "trial";

    public boolean onTrial() {
        return TRIAL.equals(plan);
    }

    /** Usage of a paid tenant with a Stripe customer is reported to Stripe as meter events. */
    public boolean metered() {
        return !onTrial() && stripeCustomerId != null;
    }

    /**
     * Whether a paid subscription still grants access. A live subscription (active, trialing, or past_due while
     * Stripe retries the card) does, even if a renewal webhook is late; one that is canceled, set to cancel, or
     * in any other state does until the end of the period already paid for.
     */
    public boolean subscriptionGrantsAccess(Instant now) {
        boolean live = "active".equals(subscriptionStatus) || "trialing".equals(subscriptionStatus)
                || "past_due".equals(subscriptionStatus);
        if (live && !cancelAtPeriodEnd) {
            return true;
        }
        return currentPeriodEnd != null && now.isBefore(currentPeriodEnd);
    }
}
