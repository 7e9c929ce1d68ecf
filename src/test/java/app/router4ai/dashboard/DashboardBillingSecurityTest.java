package app.router4ai.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.billing.BillingAccount;
import app.router4ai.billing.BillingAccountStore;
import app.router4ai.billing.BillingRouterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Billing page's actions over plain HTTP, against {@code FakeStripe}: sign-in and CSRF required, /billing
 * (the 402's and Stripe's return URLs) lands on the page, and a session only ever acts on its own tenant,
 * whatever the form says.
 */
class DashboardBillingSecurityTest extends BillingRouterTest {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    BillingAccountStore accounts;

    private DashboardSession session() {
        return new DashboardSession(baseUrl());
    }

    private String signUp(DashboardSession session, String workspace) {
        String email = "b-" + UUID.randomUUID() + "@example.test";
        session.signUp(workspace, email, PASSWORD);
        return jdbc.queryForObject("SELECT tenant_id FROM dashboard_users WHERE email = ?", String.class, email);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location: " + response.statusCode()));
    }

    @Test
    void billingNeedsSignInAndBillingRedirectsToThePage() {
        DashboardSession anonymous = session();
        for (String page : List.of("/app/billing", "/billing", "/billing?checkout=success")) {
            HttpResponse<String> response = anonymous.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(location(response)).as(page).endsWith("/login");
        }
        assertThat(anonymous.post("/app/billing/checkout", Map.of("plan", "pro")).statusCode()).isEqualTo(403);

        DashboardSession user = session();
        signUp(user, "Acme");
        assertThat(location(user.get("/billing"))).endsWith("/app/billing");
        assertThat(location(user.get("/billing?checkout=success"))).endsWith("/app/billing?checkout=success");
        assertThat(location(user.get("/billing?checkout=canceled"))).endsWith("/app/billing?checkout=canceled");
        assertThat(location(user.get("/billing?checkout=%3Cscript%3E"))).endsWith("/app/billing");
        HttpResponse<String> page = user.get("/app/billing?checkout=success");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("your payment went through").contains("id=\"upgrade-pro\"");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("form-action 'self' " + STRIPE.url() + ";");
    }

    @Test
    void upgradeWithoutTheCsrfTokenIsRefused() {
        DashboardSession user = session();
        String tenantId = signUp(user, "Acme");
        assertThat(user.post("/app/billing/checkout", Map.of("plan", "pro")).statusCode()).isEqualTo(403);
        assertThat(user.post("/app/billing/checkout", Map.of("plan", "pro", "_csrf", "not-the-token")).statusCode()).isEqualTo(403);
        assertThat(user.post("/app/billing/portal", Map.of()).statusCode()).isEqualTo(403);
        assertThat(STRIPE.received("/v1/customers")).isEmpty();
        assertThat(STRIPE.received("/v1/checkout/sessions")).isEmpty();
        assertThat(accounts.find(tenantId).map(BillingAccount::stripeCustomerId)).isEmpty();

        HttpResponse<String> upgrade = user.submit("/app/billing", "/app/billing/checkout", "plan", "pro");
        assertThat(upgrade.statusCode()).isEqualTo(303);
        assertThat(location(upgrade)).startsWith("https://checkout.stripe.com/c/pay/cs_test_");
        assertThat(STRIPE.received("/v1/checkout/sessions")).hasSize(1);

        HttpResponse<String> unknown = user.submit("/app/billing", "/app/billing/checkout", "plan", "platinum");
        assertThat(unknown.statusCode()).isEqualTo(303);
        assertThat(location(unknown)).endsWith("/app/billing");
        assertThat(user.get("/app/billing").body()).contains("id=\"billing-error\"").contains("Platinum plan can’t be bought");
        assertThat(STRIPE.received("/v1/checkout/sessions")).hasSize(1);
    }

    @Test
    void aSessionOnlyEverActsOnItsOwnTenant() {
        DashboardSession alice = session();
        String aliceTenant = signUp(alice, "Alice Co");
        DashboardSession bob = session();
        String bobTenant = signUp(bob, "Bob Co");
        makePaid(aliceTenant, "cus_alice");

        // Bob's valid form, with Alice's tenant id added every way a form could carry it: ignored.
        String csrf = bob.csrf("/app/billing");
        HttpResponse<String> upgrade = bob.post("/app/billing/checkout?tenantId=" + aliceTenant, Map.of("plan", "business",
                "_csrf", csrf, "tenantId", aliceTenant, "tenant_id", aliceTenant, "tenant", aliceTenant));
        assertThat(upgrade.statusCode()).isEqualTo(303);
        assertThat(STRIPE.received("/v1/checkout/sessions")).singleElement().satisfies(checkout -> assertThat(checkout.form())
                .containsEntry("client_reference_id", bobTenant).containsEntry("metadata[tenant_id]", bobTenant)
                .doesNotContainValue("cus_alice"));
        assertThat(STRIPE.received("/v1/customers")).singleElement()
                .satisfies(customer -> assertThat(customer.form()).containsEntry("metadata[tenant_id]", bobTenant));
        String bobCustomer = accounts.find(bobTenant).orElseThrow().stripeCustomerId();
        assertThat(bobCustomer).isNotNull().isNotEqualTo("cus_alice");
        assertThat(accounts.find(aliceTenant).orElseThrow().stripeCustomerId()).isEqualTo("cus_alice");

        // Bob's Manage billing opens Bob's portal, never Alice's.
        HttpResponse<String> portal = bob.post("/app/billing/portal?tenantId=" + aliceTenant,
                Map.of("_csrf", bob.csrf("/app/billing"), "tenantId", aliceTenant, "customer", "cus_alice"));
        assertThat(portal.statusCode()).isEqualTo(303);
        assertThat(STRIPE.received("/v1/billing_portal/sessions")).singleElement()
                .satisfies(session -> assertThat(session.form()).containsEntry("customer", bobCustomer));

        // Each page shows its own tenant's plan.
        assertThat(alice.get("/app/billing").body()).contains("id=\"manage-billing\"").doesNotContain("id=\"upgrade-pro\"");
        assertThat(bob.get("/app/billing").body()).contains("id=\"upgrade-pro\"").contains(">Trial<");

        // Alice's portal is her own.
        STRIPE.reset();
        assertThat(alice.submit("/app/billing", "/app/billing/portal").statusCode()).isEqualTo(303);
        assertThat(STRIPE.received("/v1/billing_portal/sessions")).singleElement()
                .satisfies(session -> assertThat(session.form()).containsEntry("customer", "cus_alice"));
    }

    @Test
    void aTrialTenantWithoutAStripeCustomerGetsANoticeFromManageBilling() {
        DashboardSession carol = session();
        signUp(carol, "Carol Co");
        HttpResponse<String> portal = carol.submit("/app/billing", "/app/billing/portal");
        assertThat(portal.statusCode()).isEqualTo(303);
        assertThat(location(portal)).endsWith("/app/billing");
        assertThat(carol.get("/app/billing").body()).contains("There is no billing account for this workspace yet");
        assertThat(STRIPE.received("/v1/billing_portal/sessions")).isEmpty();
    }
}
