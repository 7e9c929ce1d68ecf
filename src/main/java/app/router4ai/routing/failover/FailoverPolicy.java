package app.router4ai.routing.failover;

import app.router4ai.routing.RoutingConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * How the router retries one target and how long it waits for it, from the routing file ({@code providers:
 * default:}, a provider's block, or a model's own entry, each over the one before).
 *
 * @param retries           retries of the same deployment after a transient failure (5xx, a reset, a 429) before
 *                          failing over; a silent (timed-out) provider is never retried on the same route
 * @param backoff           the first retry's wait; each next one doubles, plus up to half again of random jitter
 * @param backoffMax        the longest wait between two retries
 * @param retryAfterWaitMax a 429 asking for at most this long is waited out and retried on the same deployment;
 *                          a longer one fails over and cools the deployment down for exactly the time asked
 * @param attemptGap        the least time between two attempts of one request at one target (no hammering)
 * @param firstByteTimeout  a stream's wait for the answer's headers; it also caps any single silent read
 * @param firstTokenTimeout a stream's wait, from the attempt's start, for its first content (text, tool call):
 *                          until then nothing has reached the client and a timeout fails over
 * @param idleTimeout       a started stream's longest silence between two events (a stalled stream)
 * @param deadline          everything before an answer starts (every attempt, retry and wait) fits in this; a
 *                          request may shorten it ({@code x-ram-timeout-ms})
 */
public record FailoverPolicy(int retries, Duration backoff, Duration backoffMax, Duration retryAfterWaitMax,
                             Duration attemptGap, Duration firstByteTimeout, Duration firstTokenTimeout,
                             Duration idleTimeout, Duration deadline) {

    public static final FailoverPolicy DEFAULT = new FailoverPolicy(1, Duration.ofMillis(500), Duration.ofSeconds(4),
            Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofSeconds(10),
            Duration.ofSeconds(15), Duration.ofSeconds(120));

    /** The settings of {@code node} (a provider's block or a model's entry), each one not given taken from {@code base}. */
    static FailoverPolicy parse(JsonNode node, FailoverPolicy base, String where, String source) {
        JsonNode r = node.path("retries");
        if (!r.isMissingNode() && (!r.canConvertToInt() || r.asInt() < 0 || r.asInt() > 10)) {
            throw new IllegalArgumentException(source + ": " + where + ".retries must be a whole number from 0 to 10");
        }
        return new FailoverPolicy(r.isMissingNode() ? base.retries() : r.asInt(),
                RoutingConfig.millis(node, "backoff_ms", base.backoff(), where, source),
                RoutingConfig.millis(node, "backoff_max_ms", base.backoffMax(), where, source),
                RoutingConfig.millis(node, "retry_after_wait_max_ms", base.retryAfterWaitMax(), where, source),
                RoutingConfig.millis(node, "attempt_gap_ms", base.attemptGap(), where, source),
                RoutingConfig.millis(node, "first_byte_timeout_ms", base.firstByteTimeout(), where, source),
                RoutingConfig.millis(node, "first_token_timeout_ms", base.firstTokenTimeout(), where, source),
                RoutingConfig.millis(node, "idle_timeout_ms", base.idleTimeout(), where, source),
                RoutingConfig.millis(node, "deadline_ms", base.deadline(), where, source));
    }
}
