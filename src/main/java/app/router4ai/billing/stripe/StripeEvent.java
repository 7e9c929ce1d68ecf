package app.router4ai.billing.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A verified webhook event: its id, type, creation time and {@code data.object}, read from the raw JSON with
 * Jackson rather than the SDK's typed models, so the fields used do not depend on the event's API version
 * (e.g. {@code current_period_end} moved from the subscription to its items in 2025-03-31).
 */
public record StripeEvent(String id, String type, Instant created, JsonNode object) {

    public static final String PROPERTY = "ramStripeEvent";
}
