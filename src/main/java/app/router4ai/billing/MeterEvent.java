package app.router4ai.billing;

import java.time.Instant;

/** One request's tokens, to be reported to Stripe; {@code identifier} is the request id (Stripe de-duplicates on it). */
public record MeterEvent(String identifier, String tenantId, String stripeCustomerId, String eventName, long tokens,
                         Instant occurredAt) {
}
