package app.router4ai.chat;

import app.router4ai.api.AnswerHeaders;
import app.router4ai.api.ApiFormats;
import app.router4ai.billing.CostCalculator;
import app.router4ai.call.ApiCall;
import app.router4ai.call.Usage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/** Prices a finished (non-streamed) answer, and writes it in the client's format with {@code _ram} and our headers only. */
@Component
public class RamEnricher implements org.apache.camel.Processor {

    private final ApiFormats formats;
    private final CostCalculator costs;

    public RamEnricher(ApiFormats formats, CostCalculator costs) {
        this.formats = formats;
        this.costs = costs;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ApiCall call = ApiCall.of(exchange);
        ObjectNode completion = exchange.getMessage().getBody(ObjectNode.class);
        Usage usage = Usage.fromOpenAi(completion.get("usage"));
        call.settle(usage, costs.costCents(call.deployment().model(), usage));

        Message out = exchange.getMessage();
        AnswerHeaders.write(exchange, out, call, "application/json");
        out.setBody(formats.of(call.surface()).answer(completion, call));
    }
}
