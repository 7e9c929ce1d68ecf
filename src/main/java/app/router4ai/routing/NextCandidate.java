package app.router4ai.routing;

import app.router4ai.api.ApiError;
import app.router4ai.call.ApiCall;
import app.router4ai.call.Attempt;
import app.router4ai.call.CallProperties;
import app.router4ai.provider.ProviderHealth;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Takes the next candidate whose breaker and cooldown let a call through (an open breaker is skipped
 * without a network call) and points the exchange at its provider route with its timeouts. When no
 * candidate is left, the request fails with 503 {@code all_providers_failed}, listing every attempt.
 */
@Component
public class NextCandidate implements Processor {

    public static final String PROVIDER = CallProperties.PROVIDER;
    public static final String CONNECT_TIMEOUT = CallProperties.CONNECT_TIMEOUT;
    public static final String READ_TIMEOUT = CallProperties.READ_TIMEOUT;

    private final ProviderHealth health;
    private final ModelCatalog catalog;

    public NextCandidate(ProviderHealth health, ModelCatalog catalog) {
        this.health = health;
        this.catalog = catalog;
    }

    @Override
    public void process(Exchange exchange) {
        ApiCall call = ApiCall.of(exchange);
        long retryAfter = Long.MAX_VALUE;
        Deployment next;
        while ((next = call.remainingCandidates().poll()) != null) {
            String provider = next.providerName();
            if (health.tryAcquire(next.key())) {
                call.attempt(next);
                ProviderResilience timeouts = catalog.current().resilience(next.key());
                CallProperties.target(exchange, provider, timeouts.connectTimeout().toMillis(), timeouts.readTimeout().toMillis());
                return;
            }
            long wait = health.secondsUntilAvailable(next.key());
            call.candidateSkipped(next, Attempt.SKIPPED_UNAVAILABLE, next.key() + " (skipped: circuit open or cooling down for " + wait + " s)");
            retryAfter = Math.min(retryAfter, wait);
        }
        throw ApiError.allProvidersFailed("All providers failed for '" + call.requestedModel() + "': "
                + String.join("; ", call.failedAttempts()) + ".", retryAfter == Long.MAX_VALUE ? 1 : retryAfter);
    }
}
