package app.router4ai.routing;

import app.router4ai.api.ApiError;
import app.router4ai.call.ApiCall;
import app.router4ai.call.Attempt;
import app.router4ai.call.CallProperties;
import app.router4ai.provider.ProviderHealth;
import app.router4ai.routing.failover.AttemptPlanner;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Takes the next candidate whose breaker and cooldown let a call through (an open breaker is skipped
 * without a network call), after its turn comes (a retry's backoff, see {@link AttemptPlanner}), and points
 * the exchange at its provider route with its timeouts. When no candidate is left, or the request's deadline
 * passed, the request fails with 503 {@code all_providers_failed}, listing every attempt; when every model
 * large enough for a too-long prompt was tried, the client gets the provider's refusal.
 */
@Component
public class NextCandidate implements Processor {

    public static final String PROVIDER = CallProperties.PROVIDER;
    public static final String CONNECT_TIMEOUT = CallProperties.CONNECT_TIMEOUT;
    public static final String READ_TIMEOUT = CallProperties.READ_TIMEOUT;

    private final ProviderHealth health;
    private final AttemptPlanner planner;

    public NextCandidate(ProviderHealth health, AttemptPlanner planner) {
        this.health = health;
        this.planner = planner;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        ApiCall call = ApiCall.of(exchange);
        long retryAfterMs = Long.MAX_VALUE;
        boolean outOfTime = false;
        Deployment next;
        while ((next = call.remainingCandidates().poll()) != null) {
            planner.start(call, next, exchange.getMessage().getHeader(AttemptPlanner.TIMEOUT_HEADER, String.class));
            String provider = next.providerName();
            if (!planner.fits(call, next)) {
                call.candidateSkipped(next, Attempt.SKIPPED_CONTEXT, provider + " (skipped: its context window is not larger)");
                continue;
            }
            if (!planner.awaitTurn(call, next)) {
                outOfTime = true;
                break;
            }
            if (health.tryAcquire(next.key())) {
                call.attempt(next);
                planner.attempting(call, next);
                long[] timeouts = planner.timeouts(call, next);
                CallProperties.target(exchange, provider, timeouts[0], timeouts[1]);
                return;
            }
            long wait = planner.millisUntilAvailable(next);
            call.candidateSkipped(next, Attempt.SKIPPED_UNAVAILABLE, next.key() + " (skipped: circuit open or cooling down for "
                    + (long) Math.ceil(wait / 1000.0) + " s)");
            retryAfterMs = Math.min(retryAfterMs, wait);
        }
        if (call.failover().refusal() != null && !outOfTime) {
            throw call.failover().refusal();
        }
        String why = outOfTime ? " (deadline of " + call.failover().deadlineMs() + " ms reached)" : "";
        throw ApiError.allProvidersFailed("All providers failed for '" + call.requestedModel() + "'" + why + ": "
                + String.join("; ", call.failedAttempts()) + ".",
                retryAfterMs == Long.MAX_VALUE ? 1 : (long) Math.ceil(retryAfterMs / 1000.0));
    }
}
