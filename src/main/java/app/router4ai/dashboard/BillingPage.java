package app.router4ai.dashboard;

import app.router4ai.billing.BillingSettings;
import app.router4ai.billing.BillingSummary;
import app.router4ai.billing.PlanSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the Billing page shows for one tenant's {@link BillingSummary}: the plan and its standing, which of the
 * designed states applies (trial, trial exhausted, past due, set to cancel, canceled or inactive, billing not
 * configured), and the plans on offer with whether each can be bought from here.
 */
record BillingPage(BillingSummary summary, String planName, String statusLabel, String statusTone, boolean onTrial,
                   long trialTokensUsed, int trialDays, boolean trialExhausted, boolean trialTokensUsedUp,
                   boolean pastDue, boolean cancelScheduled, boolean inactive, boolean canceled, boolean canUpgrade,
                   boolean canManage, List<Offer> offers) {

    /** The buttons' verb: a trial upgrades, a lapsed subscription subscribes again. */
    public String buyVerb() {
        return onTrial ? "Upgrade to" : "Subscribe to";
    }

    /** The order plans are listed in; any other configured plan follows. */
    static final List<String> PLAN_ORDER = List.of("pro", "business");

    /**
     * One paid plan as offered on the page.
     *
     * @param buyable whether an Upgrade button is shown (Stripe configured, the plan has its prices, and the
     *                tenant has no live subscription: a paid tenant changes plan in the Customer Portal)
     */
    record Offer(String id, String name, PlanSettings plan, boolean current, boolean buyable) {

        /** Monthly base fee, without cents when whole ("$49", "$12.50"). */
        public String monthlyPrice() {
            return usd(plan.monthlyPriceUsd());
        }

        public String overagePrice() {
            return "$" + plan.overageUsdPerMillionTokens().setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
    }

    static BillingPage of(BillingSummary s, BillingSettings settings) {
        boolean onTrial = s.plan() == null || "trial".equals(s.plan());
        boolean trialExhausted = onTrial && !s.access();
        boolean pastDue = !onTrial && "past_due".equals(s.status());
        boolean canceled = !onTrial && "canceled".equals(s.status());
        boolean inactive = !onTrial && !s.access();
        boolean cancelScheduled = !onTrial && s.access() && s.cancelAtPeriodEnd() && !canceled;
        // A live subscription (even one set to cancel) is changed in the Customer Portal, never bought twice.
        boolean liveSubscription = !onTrial && s.access() && !canceled;
        boolean canUpgrade = s.stripeConfigured() && !liveSubscription;
        boolean canManage = s.stripeConfigured() && !onTrial;
        List<Offer> offers = new ArrayList<>();
        List<String> ids = new ArrayList<>(PLAN_ORDER.stream().filter(settings.plans()::containsKey).toList());
        settings.plans().keySet().stream().filter(id -> !ids.contains(id)).sorted().forEach(ids::add);
        for (String id : ids) {
            PlanSettings plan = settings.plans().get(id);
            offers.add(new Offer(id, name(id), plan, liveSubscription && id.equals(s.plan()), canUpgrade && plan.purchasable()));
        }
        long used = Math.max(0, s.trialTokens() - s.trialTokensLeft());
        return new BillingPage(s, name(onTrial ? "trial" : s.plan()), statusLabel(s.status()), tone(s.status(), s.access()),
                onTrial, used, settings.trial().days(), trialExhausted, onTrial && s.trialTokensLeft() <= 0, pastDue,
                cancelScheduled, inactive, canceled, canUpgrade, canManage, List.copyOf(offers));
    }

    /** "pro" → "Pro". */
    static String name(String plan) {
        if (plan == null || plan.isEmpty()) {
            return "Trial";
        }
        return plan.substring(0, 1).toUpperCase(Locale.ROOT) + plan.substring(1).replace('_', ' ');
    }

    private static final Map<String, String> STATUS = Map.of("trialing", "Active", "trial_exhausted", "Trial exhausted",
            "active", "Active", "past_due", "Payment past due", "canceled", "Canceled", "unpaid", "Unpaid",
            "incomplete", "Incomplete", "incomplete_expired", "Expired", "paused", "Paused");

    static String statusLabel(String status) {
        return status == null ? "Unknown" : STATUS.getOrDefault(status, name(status));
    }

    /** The badge colour: ok, warn or danger. */
    private static String tone(String status, boolean access) {
        if (!access) {
            return "danger";
        }
        return "active".equals(status) || "trialing".equals(status) ? "ok" : "warn";
    }

    private static String usd(BigDecimal amount) {
        BigDecimal whole = amount.stripTrailingZeros();
        return "$" + (whole.scale() <= 0 ? String.format(Locale.ROOT, "%,d", whole.longValueExact())
                : String.format(Locale.ROOT, "%,.2f", amount));
    }
}
