package app.router4ai.chat;

import app.router4ai.api.Headers;
import app.router4ai.billing.CostCalculator;
import app.router4ai.billing.OpenStreams;
import app.router4ai.billing.UsageRecorder;
import app.router4ai.cache.CacheStore;
import app.router4ai.call.ApiCall;
import app.router4ai.provider.WireAdapters;
import app.router4ai.ratelimit.RateLimitHeaders;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Wraps a streamed answer in a {@link ChatStream}: OpenAI chunks out, {@code _ram} on the last one,
 * and the usage row sent to the billing route when the stream ends (a wiretap would fire before the
 * first byte, long before usage is known).
 */
@Component
public class StreamMeter implements org.apache.camel.Processor {

    private final WireAdapters adapters;
    private final ObjectMapper json;
    private final CostCalculator costs;
    private final ProducerTemplate billing;
    private final CacheStore cache;
    private final UsageRecorder recorder;
    private final OpenStreams openStreams;

    public StreamMeter(WireAdapters adapters, ObjectMapper json, CostCalculator costs, ProducerTemplate billing,
                       CacheStore cache, UsageRecorder recorder, OpenStreams openStreams) {
        this.adapters = adapters;
        this.json = json;
        this.costs = costs;
        this.billing = billing;
        this.cache = cache;
        this.recorder = recorder;
        this.openStreams = openStreams;
    }

    @Override
    public void process(Exchange exchange) {
        ApiCall call = ApiCall.of(exchange);
        Message message = exchange.getMessage();
        InputStream upstream = message.getBody(InputStream.class);
        ChatStream stream = new ChatStream(upstream,
                adapters.forWire(call.deployment().provider().wire()).streamTranslator(call.request(), call.deployment()),
                call, json, usage -> costs.costCents(call.deployment().model(), usage),
                this::bill, call.cacheKey() == null ? null : completion -> cache.store(call, completion));
        openStreams.opened();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        message.setHeader("Cache-Control", "no-cache");
        message.setHeader(Headers.REQUEST_ID, call.requestId());
        message.setHeader(Headers.PROVIDER, call.deployment().providerName());
        message.setHeader(Headers.FAILOVER_COUNT, call.failoverCount());
        RateLimitHeaders.write(exchange, message);  // x-ratelimit-* of the throttle step
        message.setBody(stream);
        SseResponseBuffer.shrink(exchange);
        // platform-http closes the body after copying it (also when the client is gone); this makes sure of it
        // whatever the binding does, once the unit of work ends. Closing a stream that already ended does nothing.
        exchange.getExchangeExtension().addOnCompletion(new org.apache.camel.support.SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                stream.close();
            }
        });
    }

    /**
     * Through the billing route; a stream that ends after the routes stopped (shutdown) is recorded directly,
     * so it is billed all the same.
     */
    private void bill(ApiCall finished) {
        try {
            Exchange sent = billing.send("direct:billing", e -> e.setProperty(ApiCall.PROPERTY, finished));
            if (sent.getException() != null) {
                recorder.record(finished);
            }
        } catch (RuntimeException routeDown) {
            recorder.record(finished);
        } finally {
            openStreams.billed();
        }
    }
}
