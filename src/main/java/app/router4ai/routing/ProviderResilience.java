package app.router4ai.routing;

import java.time.Duration;

/**
 * Per-provider timeouts and breaker settings, from the routing file (hot-reloaded).
 * {@code readTimeout} bounds the wait for the first byte and, in a stream, between two reads.
 */
public record ProviderResilience(Duration connectTimeout, Duration readTimeout, int failureRateThreshold,
                                 int minimumCalls, int slidingWindow, Duration openFor, int halfOpenCalls) {

    public static final ProviderResilience DEFAULT = new ProviderResilience(Duration.ofSeconds(3), Duration.ofSeconds(60),
            50, 5, 20, Duration.ofSeconds(30), 2);
}
