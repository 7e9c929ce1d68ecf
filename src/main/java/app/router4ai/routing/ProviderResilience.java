package app.router4ai.routing;

import java.time.Duration;

/**
 * Per-provider timeouts and breaker settings, from the routing file (hot-reloaded). {@code readTimeout} bounds
 * the wait for a whole (non-streamed) answer; a stream's waits are in the provider's
 * {@link app.router4ai.routing.failover.FailoverPolicy}. The breaker stays open {@code openFor}, then lets
 * {@code halfOpenCalls} trial calls through: a short open time brings a recovered provider back within seconds.
 */
public record ProviderResilience(Duration connectTimeout, Duration readTimeout, int failureRateThreshold,
                                 int minimumCalls, int slidingWindow, Duration openFor, int halfOpenCalls) {

    public static final ProviderResilience DEFAULT = new ProviderResilience(Duration.ofSeconds(3), Duration.ofSeconds(60),
            50, 5, 20, Duration.ofSeconds(5), 1);
}
