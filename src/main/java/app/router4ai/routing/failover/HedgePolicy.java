package app.router4ai.routing.failover;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Hedged requests for a tier or a model ({@code hedge:} in the routing file; off where it is not written): when the
 * candidate being tried has sent no first byte after {@code after}, the next candidate is started beside it, and the
 * first to answer wins; the other is cancelled at once.
 *
 * @param after      the hedge delay; null for {@code after_ms: p95}: the deployment's observed 95th percentile time
 *                   to first byte ({@link #UNTIL_KNOWN} until it has {@link FirstByteTimes#MIN_SAMPLES} answers)
 * @param maxPercent at most this share of the requests it applies to are hedged (each hedge doubles a request's
 *                   load on the providers); from above 0 to 100
 */
public record HedgePolicy(Duration after, double maxPercent) {

    /** The delay of {@code after_ms: p95} while a deployment has too few answers to know its p95. */
    public static final Duration UNTIL_KNOWN = Duration.ofSeconds(1);

    public HedgePolicy {
        if (after != null && (after.isNegative() || after.isZero())) {
            throw new IllegalArgumentException("a hedge delay must be positive");
        }
        if (!(maxPercent > 0 && maxPercent <= 100)) {
            throw new IllegalArgumentException("a hedge budget must be above 0 and at most 100 percent");
        }
    }

    /** Whether the delay follows the deployment's observed p95 time to first byte. */
    public boolean p95() {
        return after == null;
    }

    /** The {@code hedge:} block at {@code node}, or null when there is none. */
    static HedgePolicy parse(JsonNode node, String where, String source) {
        JsonNode hedge = node.get("hedge");
        if (hedge == null || hedge.isNull()) {
            return null;
        }
        String at = source + ": " + where + ".hedge";
        if (!hedge.isObject()) {
            throw new IllegalArgumentException(at + " must be a map: {after_ms: 800 | p95, max_percent: 5}");
        }
        JsonNode after = hedge.path("after_ms");
        Duration delay;
        if (after.isTextual() && after.asText().equals("p95")) {
            delay = null;
        } else if (after.canConvertToLong() && after.asLong() > 0 && !after.isTextual()) {
            delay = Duration.ofMillis(after.asLong());
        } else {
            throw new IllegalArgumentException(at + ".after_ms must be a positive number of milliseconds or 'p95'");
        }
        JsonNode percent = hedge.path("max_percent");
        double max = percent.isMissingNode() ? 5 : percent.isNumber() ? percent.asDouble() : -1;
        if (!(max > 0 && max <= 100)) {
            throw new IllegalArgumentException(at + ".max_percent must be a number above 0 and at most 100");
        }
        return new HedgePolicy(delay, max);
    }
}
