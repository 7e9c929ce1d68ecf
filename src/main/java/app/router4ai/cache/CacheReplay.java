package app.router4ai.cache;

import app.router4ai.api.AnswerHeaders;
import app.router4ai.api.ApiFormat;
import app.router4ai.api.ApiFormats;
import app.router4ai.api.Headers;
import app.router4ai.billing.CostCalculator;
import app.router4ai.billing.ProviderUsageCheck;
import app.router4ai.call.ApiCall;
import app.router4ai.call.Usage;
import app.router4ai.call.UsageEstimate;
import app.router4ai.routing.Deployment;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Answers from the cache: the stored completion with a fresh {@code _ram} (cache_hit true, this
 * request's id and latency, no failover), in the client's format, whole or replayed as a stream. Not
 * billed unless {@code router.cache.bill-hits}.
 */
@Component
public class CacheReplay implements Processor {

    private final ObjectMapper json;
    private final ApiFormats formats;
    private final CacheSettings settings;
    private final CostCalculator costs;
    private final ProviderUsageCheck usageCheck;

    public CacheReplay(ObjectMapper json, ApiFormats formats, CacheSettings settings, CostCalculator costs,
                       ProviderUsageCheck usageCheck) {
        this.usageCheck = usageCheck;
        this.json = json;
        this.formats = formats;
        this.settings = settings;
        this.costs = costs;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ApiCall call = ApiCall.of(exchange);
        ObjectNode entry = call.cachedEntry();
        ObjectNode completion = (ObjectNode) entry.get("completion");
        String provider = entry.path("provider").asText();
        Deployment deployment = call.remainingCandidates().stream().filter(d -> d.providerName().equals(provider))
                .findFirst().orElse(call.remainingCandidates().peek());
        call.servedFromCache(deployment);
        call.answeringModel(completion.path("model").asText(null));
        if (settings.billHits()) {
            Usage usage = usageCheck.vetted(call, Usage.fromOpenAi(completion.get("usage")),
                    () -> UsageEstimate.ofAnswer(call.request(), completion));
            call.settle(usage, costs.costCents(deployment.model(), usage));
        } else {
            call.settle(Usage.NONE, BigDecimal.ZERO);
        }

        Message out = exchange.getMessage();
        ApiFormat format = formats.of(call.surface());
        AnswerHeaders.write(exchange, out, call, call.stream() ? AnswerHeaders.EVENT_STREAM : "application/json");
        out.setHeader(Headers.PROVIDER, provider);
        out.setHeader(CacheLookup.HEADER, "hit");
        if (call.stream()) {
            out.setBody(new ByteArrayInputStream(StreamReplay.events(completion, format.streamEncoder(call), json)));
        } else {
            out.setBody(format.answer(completion, call));
        }
    }
}
