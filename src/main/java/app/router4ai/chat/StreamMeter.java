package app.router4ai.chat;

import app.router4ai.api.AnswerHeaders;
import app.router4ai.api.ApiFormats;
import app.router4ai.billing.CostCalculator;
import app.router4ai.billing.OpenStreams;
import app.router4ai.billing.ProviderUsageCheck;
import app.router4ai.billing.UsageRecorder;
import app.router4ai.cache.CacheStore;
import app.router4ai.call.ApiCall;
import app.router4ai.provider.WireAdapter;
import app.router4ai.provider.WireAdapters;
import app.router4ai.routing.failover.StreamRescue;
import app.router4ai.telemetry.CallEnd;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Wraps a streamed answer in a {@link ChatStream}: the provider's events translated, then written in the
 * client's format ({@code _ram} where that format carries it), and the usage row sent to the billing route
 * when the stream ends (a wiretap would fire before the first byte, long before usage is known).
 */
@Component
public class StreamMeter implements org.apache.camel.Processor {

    private final WireAdapters adapters;
    private final ApiFormats formats;
    private final ObjectMapper json;
    private final CostCalculator costs;
    private final ProducerTemplate billing;
    private final CacheStore cache;
    private final UsageRecorder recorder;
    private final OpenStreams openStreams;
    private final CallEnd end;
    private final StreamRescue rescue;
    private final ProviderUsageCheck usageCheck;

    public StreamMeter(WireAdapters adapters, ApiFormats formats, ObjectMapper json, CostCalculator costs, ProducerTemplate billing,
                       CacheStore cache, UsageRecorder recorder, OpenStreams openStreams, CallEnd end, StreamRescue rescue,
                       ProviderUsageCheck usageCheck) {
        this.usageCheck = usageCheck;
        this.adapters = adapters;
        this.formats = formats;
        this.json = json;
        this.costs = costs;
        this.billing = billing;
        this.cache = cache;
        this.recorder = recorder;
        this.openStreams = openStreams;
        this.end = end;
        this.rescue = rescue;
    }

    @Override
    public void process(Exchange exchange) {
        ApiCall call = ApiCall.of(exchange);
        Message message = exchange.getMessage();
        InputStream upstream = message.getBody(InputStream.class);
        WireAdapter adapter = adapters.forWire(call.deployment().provider().wire());
        ChatStream stream = new ChatStream(upstream, call.passThrough()
                        ? adapter.nativeStreamTranslator(call, call.deployment())
                        : adapter.streamTranslator(call.request(), call.deployment()),
                formats.of(call.surface()).streamEncoder(call), call, json,
                usage -> costs.costCents(call.deployment().model(), usage),
                this::bill, call.cacheKey() == null ? null : completion -> cache.store(call, completion), usageCheck);
        if (rescue.possible(call)) {
            stream.rescueWith((delivered, why) -> rescue.continueAfter(exchange, delivered, why));
        }
        openStreams.opened();
        AnswerHeaders.write(exchange, message, call, AnswerHeaders.EVENT_STREAM);
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
        finished.billingQueued(true);
        try {
            Exchange sent = billing.send("direct:billing", e -> e.setProperty(ApiCall.PROPERTY, finished));
            if (sent.getException() != null) {
                recorder.record(finished);
            }
        } catch (RuntimeException routeDown) {
            recorder.record(finished);
        } finally {
            openStreams.billed();
            end.streamEnded(finished);
        }
    }
}
