package app.router4ai.billing.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.billing.BillingRouterTest;
import app.router4ai.fake.FakeStripe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upgrade, subscription lifecycle and webhook security, end to end against the Stripe fake. */
class StripeWebhookLifecycleTest extends BillingRouterTest {

    private String webhook() {
        return baseUrl() + "/v1/billing/webhook";
    }

    private HttpResponse<String> deliver(ObjectNode event) {
        return FakeStripe.deliver(webhook(), WEBHOOK_SECRET, event, Instant.now());
    }

    private JsonNode billing(String tenantId) {
        return admin("GET", "/admin/v1/tenants/" + tenantId + "/billing", null, 200);
    }

    @Test
    void upgradeThenCancelAtPeriodEndKeepsKeysWorkingUntilThePeriodEnds() {
        TenantKey tenant = newTenantKey();
        String id = tenant.tenantId();

        // Upgrade: a customer is created once, then a Checkout Session in subscription mode with both prices.
        JsonNode checkout = admin("POST", "/admin/v1/tenants/" + id + "/billing/checkout", "{\"plan\":\"pro\"}", 200);
        assertThat(checkout.get("url").asText()).startsWith("https://checkout.stripe.com/c/pay/cs_test_");
        admin("POST", "/admin/v1/tenants/" + id + "/billing/checkout", "{\"plan\":\"pro\"}", 200);
        assertThat(STRIPE.received("/v1/customers")).hasSize(1);
        assertThat(STRIPE.received("/v1/customers").getFirst().form()).containsEntry("metadata[tenant_id]", id)
                .containsEntry("email", "ops@acme.test");
        Map<String, String> session = STRIPE.received("/v1/checkout/sessions").getFirst().form();
        String customer = session.get("customer");
        assertThat(customer).startsWith("cus_");
        assertThat(session).containsEntry("mode", "subscription").containsEntry("client_reference_id", id)
                .containsEntry("line_items[0][price]", "price_pro_base").containsEntry("line_items[0][quantity]", "1")
                .containsEntry("line_items[1][price]", "price_pro_usage").doesNotContainKey("line_items[1][quantity]")
                .containsEntry("subscription_data[metadata][tenant_id]", id).containsEntry("metadata[plan]", "pro");
        assertThat(billing(id).get("plan").asText()).isEqualTo("trial");

        // Paid: checkout completes, the subscription is created (out of order: subscription first).
        Instant periodEnd = Instant.now().plusSeconds(30L * 86_400);
        ObjectNode created = FakeStripe.event("customer.subscription.created",
                FakeStripe.subscription("sub_1", customer, id, "active", false, periodEnd, "price_pro_base", "price_pro_usage"),
                Instant.now().minusSeconds(5));
        assertThat(deliver(created).statusCode()).isEqualTo(200);
        assertThat(deliver(FakeStripe.event("checkout.session.completed",
                FakeStripe.checkoutSession(id, customer, "sub_1", "pro"), Instant.now().minusSeconds(4))).statusCode()).isEqualTo(200);
        JsonNode paid = billing(id);
        assertThat(paid.get("plan").asText()).isEqualTo("pro");
        assertThat(paid.get("status").asText()).isEqualTo("active");
        assertThat(Instant.parse(paid.get("current_period_end").asText()).getEpochSecond()).isEqualTo(periodEnd.getEpochSecond());
        assertThat(admin("POST", "/admin/v1/tenants/" + id + "/billing/portal", null, 200).get("url").asText())
                .startsWith("https://billing.stripe.com/p/session/");
        assertThat(STRIPE.received("/v1/billing_portal/sessions").getFirst().form()).containsEntry("customer", customer);

        // A repeated delivery is accepted and changes nothing.
        HttpResponse<String> again = deliver(created);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(readJson(again.body()).get("duplicate").asBoolean()).isTrue();

        // Cancel at period end: still paid, keys keep working.
        assertThat(deliver(FakeStripe.event("customer.subscription.updated",
                FakeStripe.subscription("sub_1", customer, id, "active", true, periodEnd, "price_pro_base", "price_pro_usage"),
                Instant.now().minusSeconds(3))).statusCode()).isEqualTo(200);
        assertThat(billing(id).get("cancel_at_period_end").asBoolean()).isTrue();
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);

        // A stale event (older than the last applied) arriving late is ignored.
        deliver(FakeStripe.event("customer.subscription.updated",
                FakeStripe.subscription("sub_1", customer, id, "active", false, periodEnd, "price_pro_base", "price_pro_usage"),
                Instant.now().minusSeconds(60)));
        assertThat(billing(id).get("cancel_at_period_end").asBoolean()).isTrue();

        // The period ends: Stripe deletes the subscription; the tenant gets 402 and the provider is not called.
        Instant ended = Instant.now().minusSeconds(1);
        assertThat(deliver(FakeStripe.event("customer.subscription.deleted",
                FakeStripe.subscription("sub_1", customer, id, "canceled", false, ended, "price_pro_base", "price_pro_usage"),
                Instant.now())).statusCode()).isEqualTo(200);
        int providerCalls = OPENAI.received().size();
        HttpResponse<String> refused = chat(tenant.key(), HELLO);
        assertThat(refused.statusCode()).isEqualTo(402);
        JsonNode error = readJson(refused.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("subscription_inactive");
        assertThat(error.get("type").asText()).isEqualTo("insufficient_quota");
        assertThat(OPENAI.received()).hasSize(providerCalls);
        assertThat(billing(id).get("status").asText()).isEqualTo("canceled");
        assertThat(billing(id).get("access").asBoolean()).isFalse();
    }

    @Test
    void paymentFailedThenInvoicePaidMovesThePeriodOn() {
        TenantKey tenant = newTenantKey();
        makePaid(tenant.tenantId(), "cus_invoices");
        ObjectNode failed = FakeStripe.event("invoice.payment_failed", invoice("cus_invoices", "sub_cus_invoices", 0), Instant.now());
        assertThat(deliver(failed).statusCode()).isEqualTo(200);
        assertThat(billing(tenant.tenantId()).get("status").asText()).isEqualTo("past_due");
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200); // Stripe is still retrying the card

        Instant next = Instant.now().plusSeconds(61L * 86_400);
        assertThat(deliver(FakeStripe.event("invoice.paid", invoice("cus_invoices", "sub_cus_invoices", next.getEpochSecond()),
                Instant.now())).statusCode()).isEqualTo(200);
        JsonNode billing = billing(tenant.tenantId());
        assertThat(billing.get("status").asText()).isEqualTo("active");
        assertThat(Instant.parse(billing.get("current_period_end").asText()).getEpochSecond()).isEqualTo(next.getEpochSecond());
    }

    private static ObjectNode invoice(String customer, String subscription, long periodEnd) {
        ObjectNode invoice = readJsonObject("{\"id\":\"in_1\",\"object\":\"invoice\",\"customer\":\"" + customer + "\"}");
        invoice.putObject("parent").put("type", "subscription_details").putObject("subscription_details")
                .put("subscription", subscription);
        if (periodEnd > 0) {
            invoice.putObject("lines").putArray("data").addObject().putObject("period")
                    .put("start", periodEnd - 30L * 86_400).put("end", periodEnd);
        }
        return invoice;
    }

    private static ObjectNode readJsonObject(String text) {
        return (ObjectNode) readJson(text);
    }

    @Test
    void forgedOrStaleSignaturesAre400AndChangeNothing() {
        TenantKey tenant = newTenantKey();
        balance.of(tenant.tenantId());
        ObjectNode upgrade = FakeStripe.event("customer.subscription.created",
                FakeStripe.subscription("sub_forged", "cus_forged", tenant.tenantId(), "active", false,
                        Instant.now().plusSeconds(86_400), "price_business_base", "price_business_usage"), Instant.now());

        HttpResponse<String> forged = FakeStripe.deliver(webhook(), "whsec_not_the_secret", upgrade, Instant.now());
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(readJson(forged.body()).get("error").get("code").asText()).isEqualTo("invalid_signature");
        HttpResponse<String> stale = FakeStripe.deliver(webhook(), WEBHOOK_SECRET, upgrade, Instant.now().minusSeconds(600));
        assertThat(stale.statusCode()).isEqualTo(400);
        // Signed correctly, then tampered with.
        HttpResponse<String> tampered = send("POST", "/v1/billing/webhook", null, upgrade.toString().replace("active", "trialing"),
                "Stripe-Signature", FakeStripe.signature(WEBHOOK_SECRET, Instant.now().getEpochSecond(), upgrade.toString()));
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(send("POST", "/v1/billing/webhook", null, upgrade.toString()).statusCode()).isEqualTo(400);

        assertThat(billing(tenant.tenantId()).get("plan").asText()).isEqualTo("trial");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stripe_webhook_events WHERE event_id = ?", Long.class,
                upgrade.get("id").asText())).isZero();
    }

    @Test
    void unknownPlanIs400() {
        TenantKey tenant = newTenantKey();
        HttpResponse<String> response = send("POST", "/admin/v1/tenants/" + tenant.tenantId() + "/billing/checkout",
                "Bearer " + ADMIN_TOKEN, "{\"plan\":\"enterprise\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(readJson(response.body()).get("error").get("param").asText()).isEqualTo("plan");
    }
}
