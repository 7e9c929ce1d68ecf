package app.router4ai.chat;

import app.router4ai.api.Headers;
import app.router4ai.billing.CostCalculator;
import app.router4ai.call.ApiCall;
import app.router4ai.call.RamBlock;
import app.router4ai.call.Usage;
import app.router4ai.ratelimit.RateLimitHeaders;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/** Prices a finished (non-streamed) completion, adds {@code _ram}, and writes the response with our headers only. */
@Component
public class RamEnricher implements org.apache.camel.Processor {

    private final ObjectMapper json;
    private final CostCalculator costs;

    public RamEnricher(ObjectMapper json, CostCalculator costs) {
        this.json = json;
        this.costs = costs;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ApiCall call = ApiCall.of(exchange);
        ObjectNode completion = exchange.getMessage().getBody(ObjectNode.class);
        Usage usage = Usage.fromOpenAi(completion.get("usage"));
        call.settle(usage, costs.costCents(call.deployment().model(), usage));
        RamBlock.attach(completion, call);

        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setHeader(Headers.REQUEST_ID, call.requestId());
        out.setHeader(Headers.PROVIDER, call.deployment().providerName());
        out.setHeader(Headers.FAILOVER_COUNT, call.failoverCount());
        RateLimitHeaders.write(exchange, out);  // x-ratelimit-* of the throttle step
        out.setBody(json.writeValueAsBytes(completion));
        out.setHeader(Exchange.HTTP_CHUNKED, false);   // a whole answer: Content-Length, one write, no chunk framing
    }
}
