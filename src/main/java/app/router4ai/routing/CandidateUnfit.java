package app.router4ai.routing;

import app.router4ai.call.ApiCall;
import app.router4ai.provider.ProviderHealth;
import app.router4ai.provider.UnsupportedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * This candidate's wire format cannot express the request (say {@code n: 2} for Anthropic). As a
 * fallback it is passed over; as the only or the requested provider with nothing tried before, the
 * client gets the 400 that says why.
 */
@Component
public class CandidateUnfit implements Processor {

    private final ProviderHealth health;

    public CandidateUnfit(ProviderHealth health) {
        this.health = health;
    }

    @Override
    public void process(Exchange exchange) {
        ApiCall call = ApiCall.of(exchange);
        UnsupportedRequest unsupported = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, UnsupportedRequest.class);
        health.release(call.deployment().providerName());
        boolean firstChoice = call.failedAttempts().isEmpty();
        if (firstChoice && call.remainingCandidates().isEmpty()) {
            throw unsupported;
        }
        call.candidateSkipped(call.deployment().providerName() + " (cannot serve this request: " + unsupported.getMessage() + ")");
    }
}
