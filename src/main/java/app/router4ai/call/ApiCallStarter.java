package app.router4ai.call;

import app.router4ai.api.Headers;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Opens the call: a request id and a start time, before anything can fail. */
@Component
public class ApiCallStarter implements Processor {

    @Override
    public void process(Exchange exchange) {
        ApiCall call = new ApiCall();
        exchange.setProperty(ApiCall.PROPERTY, call);
        exchange.getMessage().setHeader(Headers.REQUEST_ID, call.requestId());
    }
}
