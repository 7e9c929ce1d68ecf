package app.router4ai.chat;

import app.router4ai.api.AnswerHeaders;
import app.router4ai.api.ApiFormats;
import app.router4ai.billing.CostCalculator;
import app.router4ai.billing.ProviderUsageCheck;
import app.router4ai.call.ApiCall;
import app.router4ai.call.Usage;
import app.router4ai.call.UsageEstimate;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/** Prices a finished (non-streamed) answer, and writes it in the client's format with {@code _ram} and our headers only. */
@Component
public class RamEnricher implements org.apache.camel.Processor {

    private final ApiFormats formats;
    private final CostCalculator costs;
    private final ProviderUsageCheck usageCheck;

    public RamEnricher(ApiFormats formats, CostCalculator costs, ProviderUsageCheck usageCheck) {
        this.formats = formats;
        this.costs = costs;
        this.usageCheck = usageCheck;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ApiCall call = ApiCall.of(exchange);
        ObjectNode completion = exchange.getMessage().getBody(ObjectNode.class);
        Usage usage = usageCheck.vetted(call, Usage.fromOpenAi(completion.get("usage")),
                () -> UsageEstimate.ofAnswer(call.request(), completion));
        call.settle(usage, costs.costCents(call.deployment().model(), usage));

        Message out = exchange.getMessage();
        AnswerHeaders.write(exchange, out, call, "application/json");
        out.setBody(formats.of(call.surface()).answer(completion, call));
    }
}
