package app.router4ai.billing.stripe;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stripe ({@code router.billing.stripe.*}). With no API key the router runs without Stripe: trial and ledger
 * work, upgrades answer 503 billing_not_configured, and meter events wait in the outbox.
 *
 * @param apiKey            secret key ({@code STRIPE_API_KEY})
 * @param webhookSecret     the webhook endpoint's signing secret ({@code STRIPE_WEBHOOK_SECRET}, {@code whsec_...})
 * @param apiBase           Stripe's API base URL; tests point it at a local fake
 * @param meterEventName    the {@code event_name} of the Stripe meter that counts tokens
 * @param webhookTolerance  how old a signed webhook may be (Stripe's default: 5 minutes)
 * @param successUrl        where Checkout sends the customer after paying
 * @param cancelUrl         where Checkout sends the customer when they back out
 * @param portalReturnUrl   where the Customer Portal's "return" link goes
 */
@ConfigurationProperties("router.billing.stripe")
public record StripeSettings(String apiKey, String webhookSecret, @DefaultValue("https://api.stripe.com") String apiBase,
                             @DefaultValue("router4ai_tokens") String meterEventName,
                             @DefaultValue("300s") Duration webhookTolerance,
                             @DefaultValue("http://localhost:8080/billing?checkout=success") String successUrl,
                             @DefaultValue("http://localhost:8080/billing?checkout=canceled") String cancelUrl,
                             @DefaultValue("http://localhost:8080/billing") String portalReturnUrl,
                             @DefaultValue("5s") Duration connectTimeout, @DefaultValue("20s") Duration readTimeout,
                             @DefaultValue Outbox outbox) {

    public boolean configured() {
        return apiKey != null && !apiKey.isBlank();
    }

    /**
     * Delivery of meter events from the outbox.
     *
     * @param pollInterval       how often the outbox is checked
     * @param batchSize          rows claimed at a time
     * @param maxEventsPerSecond Stripe allows 1,000/s on /v1/billing/meter_events in live mode (less in sandboxes)
     * @param concurrency        requests in flight at once
     * @param minBackoff         first wait after a failed delivery, doubling per attempt
     * @param maxBackoff         longest wait between attempts (a row is retried until delivered)
     * @param lease              how long a claimed row is reserved for this instance
     */
    public record Outbox(@DefaultValue("1s") Duration pollInterval, @DefaultValue("100") int batchSize,
                         @DefaultValue("100") int maxEventsPerSecond, @DefaultValue("4") int concurrency,
                         @DefaultValue("1s") Duration minBackoff, @DefaultValue("5m") Duration maxBackoff,
                         @DefaultValue("60s") Duration lease) {
    }
}
