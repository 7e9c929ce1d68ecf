package app.router4ai.billing;

import app.router4ai.fake.FakeStripe;
import app.router4ai.support.RouterTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A router whose Stripe is a local fake, with short batch, poll and backoff intervals so tests stay quick. */
public abstract class BillingRouterTest extends RouterTest {

    public static final String WEBHOOK_SECRET = "whsec_test_router4ai";
    protected static final FakeStripe STRIPE = new FakeStripe();

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected TrialBalance balance;

    @DynamicPropertySource
    static void billingProperties(DynamicPropertyRegistry registry) {
        registry.add("router.billing.stripe.api-key", () -> "sk_test_fake_router4ai");
        registry.add("router.billing.stripe.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("router.billing.stripe.api-base", STRIPE::url);
        registry.add("router.billing.stripe.read-timeout", () -> "500ms");
        registry.add("router.billing.stripe.connect-timeout", () -> "500ms");
        registry.add("router.billing.stripe.outbox.poll-interval", () -> "100ms");
        registry.add("router.billing.stripe.outbox.min-backoff", () -> "50ms");
        registry.add("router.billing.stripe.outbox.max-backoff", () -> "300ms");
        registry.add("router.billing.stripe.outbox.max-events-per-second", () -> "1000");
        registry.add("router.billing.stripe.outbox.concurrency", () -> "8");
        registry.add("router.billing.plans.pro.stripe-base-price", () -> "price_pro_base");
        registry.add("router.billing.plans.pro.stripe-usage-price", () -> "price_pro_usage");
        registry.add("router.billing.plans.business.stripe-base-price", () -> "price_business_base");
        registry.add("router.billing.plans.business.stripe-usage-price", () -> "price_business_usage");
        // The dashboard's forms may redirect the browser to the fake's Checkout and Portal pages (CSP form-action).
        registry.add("router.dashboard.billing-redirect-origins", STRIPE::url);
        registry.add("router.billing.reconcile-interval", () -> "200ms");
        registry.add("router.ledger.flush-interval", () -> "50ms");
        // These tests load the ledger and Stripe with bursts of hundreds of requests, not the rate limiter.
        registry.add("router.ratelimit.default-rps", () -> "100000");
        registry.add("router.ratelimit.default-burst", () -> "100000");
    }

    @BeforeEach
    void resetStripe() {
        STRIPE.reset();
    }

    protected static final String HELLO = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    protected static final String HELLO_STREAM = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

    protected long rows(String tenantId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM usage_records WHERE tenant_id = ?", Long.class, tenantId);
    }

    protected void awaitRows(String tenantId, long expected, int seconds) {
        Awaitility.await().atMost(seconds, TimeUnit.SECONDS).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> rows(tenantId) == expected);
    }

    /** Puts the tenant on a paid plan with a Stripe customer, as the webhooks would. */
    protected void makePaid(String tenantId, String customer) {
        balance.of(tenantId);
        jdbc.update("UPDATE tenant_billing SET plan = 'pro', stripe_customer_id = ?, subscription_id = ?, subscription_status = 'active',"
                        + " current_period_end = ? WHERE tenant_id = ?", customer, "sub_" + customer,
                Timestamp.from(Instant.now().plusSeconds(30L * 86_400)), tenantId);
        balance.refresh(tenantId);
    }
}
