package app.router4ai.billing;

import java.time.Instant;

/**
 * A tenant's billing as the dashboard shows it. {@code status}: trialing, trial_exhausted, or the Stripe
 * subscription status (active, past_due, canceled, ...), with {@code access} saying whether calls go through.
 */
public record BillingSummary(String tenantId, String plan, String status, boolean access, long trialTokens,
                             long trialTokensLeft, long trialDaysLeft, Instant trialEndsAt, Instant currentPeriodEnd,
                             boolean cancelAtPeriodEnd, boolean stripeConfigured) {
}
