package app.router4ai.cache;

import app.router4ai.api.Headers;
import app.router4ai.billing.CostCalculator;
import app.router4ai.call.ApiCall;
import app.router4ai.call.RamBlock;
import app.router4ai.call.Usage;
import app.router4ai.ratelimit.RateLimitHeaders;
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
 * request's id and latency, no failover), as JSON or replayed as a stream. Not billed unless
 * {@code router.cache.bill-hits}.
 */
@Component
public class CacheReplay implements Processor {

    private final ObjectMapper json;
    private final CacheSettings settings;
    private final CostCalculator costs;

    public CacheReplay(ObjectMapper json, CacheSettings settings, CostCalculator costs) {
        this.json = json;
        this.settings = settings;
        this.costs = costs;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ApiCall call = ApiCall.of(exchange);
        ObjectNode entry = exchange.getProperty(CacheLookup.CACHED, ObjectNode.class);
        ObjectNode completion = (ObjectNode) entry.get("completion");
        String provider = entry.path("provider").asText();
        Deployment deployment = call.remainingCandidates().stream().filter(d -> d.providerName().equals(provider))
                .findFirst().orElse(call.remainingCandidates().peek());
        call.servedFromCache(deployment);
        call.answeringModel(completion.path("model").asText(null));
        Usage usage = Usage.fromOpenAi(completion.get("usage"));
        if (settings.billHits()) {
            call.settle(usage, costs.costCents(deployment.model(), usage));
        } else {
            call.settle(Usage.NONE, BigDecimal.ZERO);
        }

        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Headers.REQUEST_ID, call.requestId());
        out.setHeader(Headers.PROVIDER, provider);
        out.setHeader(Headers.FAILOVER_COUNT, 0);
        out.setHeader(CacheLookup.HEADER, "hit");
        RateLimitHeaders.write(exchange, out);
        if (call.stream()) {
            out.setHeader(Exchange.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            out.setHeader("Cache-Control", "no-cache");
            out.setBody(new ByteArrayInputStream(StreamReplay.events(completion, call, json)));
        } else {
            RamBlock.attach(completion, call);
            out.setHeader(Exchange.CONTENT_TYPE, "application/json");
            out.setHeader(Exchange.HTTP_CHUNKED, false);
            out.setBody(json.writeValueAsBytes(completion));
        }
    }
}
