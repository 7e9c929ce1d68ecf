package app.router4ai.billing;

import app.router4ai.chat.ChatCall;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** The billing route's step: turns a finished call into a ledger row. */
@Component
public class UsageRecorder implements Processor {

    private final UsageLedger ledger;

    public UsageRecorder(UsageLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void process(Exchange exchange) {
        ChatCall call = exchange.getProperty(ChatCall.PROPERTY, ChatCall.class);
        ledger.record(new UsageRow(call.requestId(), call.caller().tenantId(), call.caller().keyId(), call.requestedModel(),
                call.answeringModel() != null ? call.answeringModel() : call.deployment().model().providerModel(),
                call.deployment().providerName(), call.deployment().tier(), call.usage().promptTokens(),
                call.usage().completionTokens(), call.usage().cachedTokens(), call.costCents(), call.latencyMs(),
                call.failoverCount(), call.cacheHit(), call.stream(), Instant.now()));
    }
}
