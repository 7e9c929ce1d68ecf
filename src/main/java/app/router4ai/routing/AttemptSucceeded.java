package app.router4ai.routing;

import app.router4ai.chat.ChatCall;
import app.router4ai.provider.ProviderHealth;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** The provider answered (for a stream: its first byte arrived): settle the breaker and stop trying. */
@Component
public class AttemptSucceeded implements Processor {

    public static final String TRYING = "ramTrying";

    private final ProviderHealth health;

    public AttemptSucceeded(ProviderHealth health) {
        this.health = health;
    }

    @Override
    public void process(Exchange exchange) {
        ChatCall call = exchange.getProperty(ChatCall.PROPERTY, ChatCall.class);
        health.succeeded(call.deployment().providerName(), call.attemptStartNanos());
        exchange.setProperty(TRYING, false);
    }
}
