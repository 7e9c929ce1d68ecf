package app.router4ai.billing.stripe;

import app.router4ai.api.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Checks {@code Stripe-Signature} (HMAC-SHA256 of "timestamp.body" with the endpoint secret, within the
 * tolerance window) over the body bytes exactly as received, before anything else reads them. A bad or
 * missing signature is a 400 and nothing changes.
 */
@Component
public class StripeWebhookVerifier implements Processor {

    private final StripeSettings settings;
    private final ObjectMapper json;

    public StripeWebhookVerifier(StripeSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        if (settings.webhookSecret() == null || settings.webhookSecret().isBlank()) {
            throw new ApiError(503, "server_error", "billing_not_configured", null,
                    "Stripe webhooks are not configured on this router: set STRIPE_WEBHOOK_SECRET.", null);
        }
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        String payload = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        String signature = exchange.getMessage().getHeader("Stripe-Signature", String.class);
        try {
            Webhook.constructEvent(payload, signature, settings.webhookSecret(), settings.webhookTolerance().toSeconds());
        } catch (SignatureVerificationException | RuntimeException e) {
            throw new ApiError(400, "invalid_request_error", "invalid_signature", null,
                    "The Stripe-Signature header does not verify for this body (or is too old).", null);
        }
        JsonNode event = json.readTree(payload);
        exchange.setProperty(StripeEvent.PROPERTY, new StripeEvent(event.path("id").asText(), event.path("type").asText(),
                Instant.ofEpochSecond(event.path("created").asLong()), event.path("data").path("object")));
    }
}
