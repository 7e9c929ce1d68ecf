package app.router4ai.routing;

import app.router4ai.call.ApiCall;
import app.router4ai.call.Attempt;
import app.router4ai.provider.ProviderHealth;
import app.router4ai.provider.UnsupportedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * This candidate's wire format cannot express the request (say {@code n: 2} for Anthropic). As a
 * fallback it is passed over, visibly ({@code _ram.attempts}, {@code x-ram-skipped}, the metric
 * {@code router.candidates.skipped}); as the only candidate with nothing tried before, the client gets
 * the 400 that says why.
 */
@Component
public class CandidateUnfit implements Processor {

    private final ProviderHealth health;
    private final MeterRegistry meters;

    public CandidateUnfit(ProviderHealth health, MeterRegistry meters) {
        this.health = health;
        this.meters = meters;
    }

    @Override
    public void process(Exchange exchange) {
        ApiCall call = ApiCall.of(exchange);
        UnsupportedRequest unsupported = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, UnsupportedRequest.class);
        health.release(call.deployment().key());
        boolean firstChoice = call.failedAttempts().isEmpty();
        if (firstChoice && call.remainingCandidates().isEmpty()) {
            throw unsupported;
        }
        String provider = call.deployment().providerName();
        call.candidateSkipped(call.deployment(), Attempt.SKIPPED_UNSUPPORTED,
                provider + " (cannot serve this request: " + unsupported.getMessage() + ")");
        meters.counter("router.candidates.skipped", "provider", provider, "reason", "unsupported").increment();
    }
}
