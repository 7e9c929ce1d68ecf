package app.router4ai.routing;

import app.router4ai.call.ApiCall;
import app.router4ai.provider.ProviderHealth;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The provider refused the request itself (400, 404, 413, 422): not a failover trigger, since any
 * provider would refuse it. The provider is healthy; the client gets the refusal.
 */
@Component
public class AttemptRejected implements Processor {

    private final ProviderHealth health;

    public AttemptRejected(ProviderHealth health) {
        this.health = health;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ApiCall call = ApiCall.of(exchange);
        health.rejectedRequest(call.deployment().key(), call.attemptStartNanos());
        throw exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }
}
