package app.router4ai.routing;

import app.router4ai.call.ApiCall;
import app.router4ai.provider.ProviderFailure;
import app.router4ai.provider.ProviderHealth;
import app.router4ai.routing.failover.AttemptPlanner;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A failover trigger: record it (breaker, cooldown, metrics, the attempt list), then either retry the same
 * deployment (transient, within its budget and the deadline) or let the loop try the next candidate.
 */
@Component
public class AttemptFailed implements Processor {

    private static final Logger log = LoggerFactory.getLogger(AttemptFailed.class);

    private final ProviderHealth health;
    private final AttemptPlanner planner;
    private final MeterRegistry meters;

    public AttemptFailed(ProviderHealth health, AttemptPlanner planner, MeterRegistry meters) {
        this.health = health;
        this.planner = planner;
        this.meters = meters;
    }

    @Override
    public void process(Exchange exchange) {
        ApiCall call = ApiCall.of(exchange);
        String provider = call.deployment().providerName();
        ProviderFailure failure = ProviderFailure.from(provider, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        if (failure.providerAtFault()) {
            health.failed(call.deployment().key(), call.attemptStartNanos(), failure);
        } else {
            health.rejectedRequest(call.deployment().key(), call.attemptStartNanos());
        }
        boolean retrying = planner.retry(call, failure);
        meters.counter("router.attempts", "provider", provider, "outcome", retrying ? "retried" : "failed",
                "reason", failure.kind()).increment();
        if (retrying) {
            call.attemptRetried(failure.describe());
            log.info("Request {}: {} failed ({}), retrying it", call.requestId(), provider, failure.reason());
            return;
        }
        call.attemptFailed(failure.describe());
        if (!call.remainingCandidates().isEmpty()) {
            meters.counter("router.failovers", "tier", call.deployment().tier(), "from", provider).increment();
        }
        log.warn("Request {}: {} failed ({}), {} candidate(s) left", call.requestId(), provider, failure.reason(),
                call.remainingCandidates().size());
    }
}
