package app.router4ai.billing.stripe;

import app.router4ai.billing.BillingAccount;
import app.router4ai.billing.BillingAccountStore;
import app.router4ai.billing.BillingSettings;
import app.router4ai.billing.PlanSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies a Stripe event to the tenant's plan and period. Subscription events carry the whole subscription, so
 * the newest one wins and an older one arriving late is ignored; invoice events only move the period forward
 * or mark a failed payment. Returns the tenant touched (or null).
 */
@Component
class SubscriptionSync {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionSync.class);

    private final BillingAccountStore accounts;
    private final BillingSettings billing;

    SubscriptionSync(BillingAccountStore accounts, BillingSettings billing) {
        this.accounts = accounts;
        this.billing = billing;
    }

    String apply(StripeEvent event) {
        JsonNode object = event.object();
        return switch (event.type()) {
            case "checkout.session.completed" -> checkoutCompleted(object);
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" ->
                    subscriptionChanged(event, object);
            case "invoice.paid" -> invoice(object, true);
            case "invoice.payment_failed" -> invoice(object, false);
            default -> null;
        };
    }

    private String checkoutCompleted(JsonNode session) {
        if (!"subscription".equals(text(session, "mode"))) {
            return null;
        }
        String tenantId = Optional.ofNullable(text(session, "client_reference_id"))
                .orElse(text(session.path("metadata"), "tenant_id"));
        Optional<BillingAccount> found = tenantId == null ? Optional.empty() : accounts.findOrCreate(tenantId);
        if (found.isEmpty()) {
            log.warn("checkout.session.completed for unknown tenant {}: ignored", tenantId);
            return null;
        }
        BillingAccount account = found.get();
        String customer = text(session, "customer");
        if (customer != null) {
            accounts.attachCustomer(tenantId, customer);
        }
        String subscription = text(session, "subscription");
        String plan = Optional.ofNullable(text(session.path("metadata"), "plan")).orElse(account.plan());
        // The subscription's own events may have come first: keep what they said about status and period.
        boolean known = subscription != null && subscription.equals(account.subscriptionId()) && account.subscriptionStatus() != null;
        accounts.updateSubscription(tenantId, plan, subscription, known ? account.subscriptionStatus() : "active",
                known ? account.currentPeriodEnd() : null, known && account.cancelAtPeriodEnd(),
                accounts.lastEventAt(tenantId).orElse(null));
        return tenantId;
    }

    private String subscriptionChanged(StripeEvent event, JsonNode subscription) {
        String tenantId = tenantOf(subscription);
        Optional<BillingAccount> found = tenantId == null ? Optional.empty() : accounts.find(tenantId);
        if (found.isEmpty()) {
            log.warn("{} for unknown customer {}: ignored", event.type(), text(subscription, "customer"));
            return null;
        }
        BillingAccount account = found.get();
        String id = text(subscription, "id");
        Optional<Instant> last = accounts.lastEventAt(tenantId);
        if (last.isPresent() && event.created().isBefore(last.get())) {
            log.info("{} {} is older than the last applied event: ignored", event.type(), event.id());
            return null;
        }
        if (account.subscriptionId() != null && !account.subscriptionId().equals(id) && !"active".equals(text(subscription, "status"))) {
            log.info("{} {} is about an earlier subscription {}: ignored", event.type(), event.id(), id);
            return null;
        }
        if (customerOf(subscription) != null) {
            accounts.attachCustomer(tenantId, customerOf(subscription));
        }
        String plan = planOf(subscription).orElse(account.onTrial() ? text(subscription.path("metadata"), "plan") : account.plan());
        if (plan == null) {
            plan = account.plan();
        }
        String status = "customer.subscription.deleted".equals(event.type()) ? "canceled" : text(subscription, "status");
        boolean cancelAtPeriodEnd = subscription.path("cancel_at_period_end").asBoolean(false)
                || subscription.hasNonNull("cancel_at");
        accounts.updateSubscription(tenantId, plan, id, status, periodEnd(subscription), cancelAtPeriodEnd, event.created());
        return tenantId;
    }

    private String invoice(JsonNode invoice, boolean paid) {
        String customer = text(invoice, "customer");
        Optional<BillingAccount> found = customer == null ? Optional.empty()
                : accounts.tenantOfCustomer(customer).flatMap(accounts::find);
        if (found.isEmpty()) {
            return null;
        }
        BillingAccount account = found.get();
        String subscription = Optional.ofNullable(text(invoice, "subscription"))
                .orElse(text(invoice.path("parent").path("subscription_details"), "subscription"));
        if (subscription != null && !subscription.equals(account.subscriptionId())) {
            return null;
        }
        boolean canceled = "canceled".equals(account.subscriptionStatus());
        Instant periodEnd = account.currentPeriodEnd();
        if (paid) {
            for (JsonNode line : invoice.path("lines").path("data")) {
                long end = line.path("period").path("end").asLong(0);
                if (end > 0 && (periodEnd == null || Instant.ofEpochSecond(end).isAfter(periodEnd))) {
                    periodEnd = Instant.ofEpochSecond(end);
                }
            }
        }
        String status = canceled ? "canceled" : paid ? "active" : "past_due";
        accounts.updateSubscription(account.tenantId(), account.plan(), account.subscriptionId(), status, periodEnd,
                account.cancelAtPeriodEnd(), accounts.lastEventAt(account.tenantId()).orElse(null));
        return account.tenantId();
    }

    private String tenantOf(JsonNode subscription) {
        String tenantId = text(subscription.path("metadata"), "tenant_id");
        if (tenantId != null) {
            return tenantId;
        }
        String customer = customerOf(subscription);
        return customer == null ? null : accounts.tenantOfCustomer(customer).orElse(null);
    }

    private static String customerOf(JsonNode subscription) {
        JsonNode customer = subscription.get("customer");
        return customer == null ? null : customer.isObject() ? text(customer, "id") : text(subscription, "customer");
    }

    /** The plan whose Stripe prices the subscription's items use. */
    private Optional<String> planOf(JsonNode subscription) {
        for (JsonNode item : subscription.path("items").path("data")) {
            String price = text(item.path("price"), "id");
            for (Map.Entry<String, PlanSettings> plan : billing.plans().entrySet()) {
                if (price != null && (price.equals(plan.getValue().stripeBasePrice()) || price.equals(plan.getValue().stripeUsagePrice()))) {
                    return Optional.of(plan.getKey());
                }
            }
        }
        return Optional.ofNullable(text(subscription.path("metadata"), "plan"));
    }

    /** Top-level on API versions before 2025-03-31, on each item since. */
    private static Instant periodEnd(JsonNode subscription) {
        long end = subscription.path("current_period_end").asLong(0);
        for (JsonNode item : subscription.path("items").path("data")) {
            end = Math.max(end, item.path("current_period_end").asLong(0));
        }
        return end == 0 ? null : Instant.ofEpochSecond(end);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
