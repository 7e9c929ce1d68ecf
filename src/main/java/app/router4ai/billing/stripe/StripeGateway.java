package app.router4ai.billing.stripe;

import app.router4ai.billing.BillingErrors;
import app.router4ai.billing.PlanSettings;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The Stripe calls the router makes, through the official client (typed parameters, form encoding, API version
 * pinned by the SDK). Every call carries an idempotency key. The client's own retries are off: the outbox
 * retries meter events with its own backoff, and an admin call fails fast.
 */
@Component
public class StripeGateway {

    private final StripeSettings settings;
    private final StripeClient client;

    public StripeGateway(StripeSettings settings) {
        this.settings = settings;
        this.client = !settings.configured() ? null : StripeClient.builder()
                .setApiKey(settings.apiKey())
                .setApiBase(settings.apiBase())
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setReadTimeout((int) settings.readTimeout().toMillis())
                .setMaxNetworkRetries(0)
                .build();
    }

    public boolean configured() {
        return client != null;
    }

    private StripeClient client() {
        if (client == null) {
            throw BillingErrors.notConfigured();
        }
        return client;
    }

    /** Keyed by tenant: two instances creating the same tenant's customer at once get one customer. */
    public String createCustomer(String tenantId, String name, String email) throws StripeException {
        Customer customer = client().v1().customers().create(CustomerCreateParams.builder()
                        .setName(name).setEmail(email).putMetadata("tenant_id", tenantId).build(),
                idempotent("r4a-customer-" + tenantId));
        return customer.getId();
    }

    /** A Checkout Session in subscription mode: the plan's base fee (quantity 1) and its metered usage price. */
    public String checkoutUrl(String customerId, String tenantId, String planName, PlanSettings plan) throws StripeException {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .setClientReferenceId(tenantId)
                .setSuccessUrl(settings.successUrl())
                .setCancelUrl(settings.cancelUrl())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(plan.stripeBasePrice()).setQuantity(1L).build())
                // A metered price takes no quantity: usage comes from meter events.
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(plan.stripeUsagePrice()).build())
                .putMetadata("tenant_id", tenantId)
                .putMetadata("plan", planName)
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putMetadata("tenant_id", tenantId).putMetadata("plan", planName).build())
                .build();
        return client().v1().checkout().sessions().create(params, idempotent("r4a-checkout-" + UUID.randomUUID())).getUrl();
    }

    public String portalUrl(String customerId) throws StripeException {
        return client().v1().billingPortal().sessions().create(com.stripe.param.billingportal.SessionCreateParams.builder()
                        .setCustomer(customerId).setReturnUrl(settings.portalReturnUrl()).build(),
                idempotent("r4a-portal-" + UUID.randomUUID())).getUrl();
    }

    /** Keyed by the request id: a retry after a lost answer replays Stripe's first answer instead of counting twice. */
    public void sendMeterEvent(MeterEventOutbox.Pending event) throws StripeException {
        client().v1().billing().meterEvents().create(MeterEventCreateParams.builder()
                        .setEventName(event.eventName())
                        .setIdentifier(event.identifier())
                        .putPayload("stripe_customer_id", event.stripeCustomerId())
                        .putPayload("value", Long.toString(event.tokens()))
                        .setTimestamp(event.occurredAt().getEpochSecond())
                        .build(),
                idempotent("r4a-meter-" + event.identifier()));
    }

    private static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }
}
