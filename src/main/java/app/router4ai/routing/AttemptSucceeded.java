package app.router4ai.routing;

import app.router4ai.call.ApiCall;
import app.router4ai.provider.ProviderHealth;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** The provider answered (for a stream: its first byte arrived): settle the breaker and stop trying. */
@Component
public class AttemptSucceeded implements Processor {

    private final ProviderHealth health;

    public AttemptSucceeded(ProviderHealth health) {
        this.health = health;
    }

    @Override
    public void process(Exchange exchange) {
        ApiCall call = ApiCall.of(exchange);
        health.succeeded(call.deployment().key(), call.attemptStartNanos());
        call.firstByte();
        call.answered();
    }
}
