package app.router4ai.billing;

import app.router4ai.api.ApiError;
import java.time.Instant;
import java.util.Map;

/** The billing errors clients see, as OpenAI error objects. 402s are not retried by the official SDKs. */
public final class BillingErrors {

    private BillingErrors() {
    }

    public static ApiError trialTokensUsed(long trialTokens) {
        return new ApiError(402, "insufficient_quota", "trial_exhausted", null, String.format(java.util.Locale.ROOT,
                "Trial exhausted — upgrade at /billing (all %,d trial tokens are used).", trialTokens), noRetry());
    }

    public static ApiError trialEnded(Instant endedAt) {
        return new ApiError(402, "insufficient_quota", "trial_exhausted", null,
                "Trial exhausted — upgrade at /billing (the trial ended at " + endedAt + ").", noRetry());
    }

    public static ApiError subscriptionInactive(BillingAccount account) {
        String ended = account.currentPeriodEnd() == null ? "" : " on " + account.currentPeriodEnd();
        return new ApiError(402, "insufficient_quota", "subscription_inactive", null,
                "Subscription inactive — the " + account.plan() + " plan's paid period ended" + ended
                        + ". Renew at /billing.", noRetry());
    }

    public static ApiError notConfigured() {
        return new ApiError(503, "server_error", "billing_not_configured", null,
                "Billing is not configured on this router: set STRIPE_API_KEY (and the plans' Stripe price ids) to enable upgrades.",
                null);
    }

    public static ApiError unknownPlan(String plan) {
        return ApiError.invalidRequest("plan", "Unknown or unpurchasable plan '" + plan + "'; choose one of "
                + "the configured plans (pro, business).");
    }

    public static ApiError noCustomer(String tenantId) {
        return new ApiError(409, "invalid_request_error", "no_billing_account", null,
                "Tenant " + tenantId + " has no Stripe customer yet: upgrade first (POST .../billing/checkout).", null);
    }

    public static ApiError stripeFailed(String message) {
        return new ApiError(502, "server_error", "stripe_error", null, "Stripe did not complete the request: " + message, null);
    }

    private static Map<String, String> noRetry() {
        return Map.of("x-should-retry", "false");
    }
}
