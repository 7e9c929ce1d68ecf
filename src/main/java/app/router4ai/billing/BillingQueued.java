package app.router4ai.billing;

import app.router4ai.call.ApiCall;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The billing wire tap's {@code onPrepare}: marks the call, on the request's own thread, as one whose ledger row is on
 * its way, so that its end does not also write a request-log row (the ledger row is its log line).
 */
@Component
public class BillingQueued implements Processor {

    @Override
    public void process(Exchange exchange) {
        ApiCall call = ApiCall.of(exchange);
        if (call != null) {
            call.billingQueued(true);
        }
    }
}
