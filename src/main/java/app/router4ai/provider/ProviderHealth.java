package app.router4ai.provider;

import app.router4ai.routing.ModelCatalog;
import app.router4ai.routing.ProviderResilience;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * What the router knows about each provider's health: a Resilience4j circuit breaker (used through
 * its API around the call, because the circuitBreaker EIP completes a copied exchange and so closes
 * streams), a cooldown set by a 429's Retry-After, and an EWMA of time to first byte for the
 * {@code fastest} strategy. Also the per-provider metrics.
 */
@Component
public class ProviderHealth {

    private static final double EWMA_WEIGHT = 0.2;

    private final ModelCatalog catalog;
    private final MeterRegistry meters;
    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, Long> coolUntilMillis = new ConcurrentHashMap<>();
    private final Map<String, Long> openedAtMillis = new ConcurrentHashMap<>();
    private final Map<String, Double> ttfbEwmaMs = new ConcurrentHashMap<>();

    public ProviderHealth(ModelCatalog catalog, MeterRegistry meters) {
        this.catalog = catalog;
        this.meters = meters;
    }

    private record Breaker(ProviderResilience settings, CircuitBreaker breaker) {
    }

    /** The provider's breaker, rebuilt when the operator changed its settings. */
    public CircuitBreaker breaker(String provider) {
        ProviderResilience settings = catalog.current().resilience(provider);
        Breaker current = breakers.get(provider);
        if (current != null && current.settings().equals(settings)) {
            return current.breaker();
        }
        return breakers.compute(provider, (name, existing) -> {
            if (existing != null && existing.settings().equals(settings)) {
                return existing;
            }
            if (existing == null) {
                registerGauge(name);
            }
            return new Breaker(settings, newBreaker(name, settings));
        }).breaker();
    }

    private CircuitBreaker newBreaker(String provider, ProviderResilience s) {
        CircuitBreaker breaker = CircuitBreaker.of(provider, CircuitBreakerConfig.custom()
                .failureRateThreshold(s.failureRateThreshold())
                .minimumNumberOfCalls(s.minimumCalls())
                .slidingWindowSize(s.slidingWindow())
                .waitDurationInOpenState(s.openFor())
                .permittedNumberOfCallsInHalfOpenState(s.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> {
            if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAtMillis.put(provider, System.currentTimeMillis());
            }
        });
        return breaker;
    }

    /**
     * One gauge per provider that reads whichever breaker is live when scraped: an edit of the routing file
     * replaces the breaker, and a gauge bound to the first one kept reporting it (closed) after that.
     */
    private void registerGauge(String provider) {
        Gauge.builder("router.provider.breaker.state", breakers, all -> {
                    Breaker live = all.get(provider);
                    if (live == null) {
                        return 0;
                    }
                    return switch (live.breaker().getState()) {
                        case CLOSED -> 0;
                        case HALF_OPEN -> 1;
                        default -> 2;
                    };
                })
                .description("0 closed, 1 half-open, 2 open").tag("provider", provider).strongReference(true).register(meters);
    }

    /** Whether a call may go to this provider now; acquiring takes a breaker permission that must be settled. */
    public boolean tryAcquire(String provider) {
        Long until = coolUntilMillis.get(provider);
        if (until != null && until > System.currentTimeMillis()) {
            return false;
        }
        return breaker(provider).tryAcquirePermission();
    }

    public void succeeded(String provider, long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        breaker(provider).onSuccess(nanos, TimeUnit.NANOSECONDS);
        double ms = nanos / 1e6;
        ttfbEwmaMs.merge(provider, ms, (old, now) -> old + EWMA_WEIGHT * (now - old));
        Timer.builder("router.provider.latency").tag("provider", provider).publishPercentileHistogram()
                .register(meters).record(Duration.ofNanos(nanos));
        counter("router.provider.requests", provider, "outcome", "success").increment();
    }

    /** A permission taken for a call that was never made (the candidate could not serve this request). */
    public void release(String provider) {
        breaker(provider).releasePermission();
    }

    /** A call that reached the provider and was refused for the request's own fault: the provider is fine. */
    public void rejectedRequest(String provider, long startNanos) {
        breaker(provider).onSuccess(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        counter("router.provider.requests", provider, "outcome", "client_error").increment();
    }

    public void failed(String provider, long startNanos, ProviderFailure failure) {
        breaker(provider).onError(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS, failure);
        if (failure.retryAfterMillis() > 0) {
            coolUntilMillis.merge(provider, System.currentTimeMillis() + failure.retryAfterMillis(), Math::max);
        }
        counter("router.provider.requests", provider, "outcome", "failure").increment();
        counter("router.provider.failures", provider, "reason", failure.kind()).increment();
    }

    /** Seconds until this provider may be tried again (breaker open or cooling down); 0 when it may be now. */
    public long secondsUntilAvailable(String provider) {
        return (long) Math.ceil(millisUntilAvailable(provider) / 1000.0);
    }

    /**
     * Milliseconds until this provider may be tried again: what is left of its cooldown, or of its breaker's open
     * time (counted from when it opened, not the whole {@code open_ms}); 0 when it may be now.
     */
    public long millisUntilAvailable(String provider) {
        long wait = coolDownMillisLeft(provider);
        CircuitBreaker breaker = breaker(provider);
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            long openFor = catalog.current().resilience(provider).openFor().toMillis();
            long openedAt = openedAtMillis.getOrDefault(provider, System.currentTimeMillis());
            wait = Math.max(wait, openedAt + openFor - System.currentTimeMillis());
        }
        return Math.max(0, wait);
    }

    /** What is left of the cooldown a 429's Retry-After set, in milliseconds. */
    public long coolDownMillisLeft(String provider) {
        Long until = coolUntilMillis.get(provider);
        return until == null ? 0 : Math.max(0, until - System.currentTimeMillis());
    }

    /** Observed time to first byte, or 0 when unknown (so an untried provider gets tried). */
    public double ttfbMs(String provider) {
        return ttfbEwmaMs.getOrDefault(provider, 0.0);
    }

    /** Forgets every breaker, cooldown and latency figure: an operator's "start afresh". */
    public void reset() {
        breakers.values().forEach(b -> b.breaker().reset());
        coolUntilMillis.clear();
        openedAtMillis.clear();
        ttfbEwmaMs.clear();
    }

    public Map<String, CircuitBreaker.State> states() {
        Map<String, CircuitBreaker.State> states = new java.util.TreeMap<>();
        breakers.forEach((name, b) -> states.put(name, b.breaker().getState()));
        return states;
    }

    private Counter counter(String name, String provider, String key, String value) {
        return Counter.builder(name).tag("provider", provider).tag(key, value).register(meters);
    }
}
