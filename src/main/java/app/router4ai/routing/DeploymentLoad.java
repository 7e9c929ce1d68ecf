package app.router4ai.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import app.router4ai.call.ApiCall;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

/**
 * Requests in flight per deployment, for {@code balance: least-busy}: the first step of each provider route
 * counts the attempt in, and the end of its request counts it out (a failed attempt's deployment stays counted
 * until its request ends elsewhere: moments later).
 */
@Component
public class DeploymentLoad implements Processor {

    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    @Override
    public void process(Exchange exchange) {
        started(ApiCall.of(exchange).deployment().key(), exchange);
    }

    /** One more request on {@code key}, until {@code exchange} completes. */
    void started(String key, Exchange exchange) {
        AtomicInteger count = inFlight.computeIfAbsent(key, k -> new AtomicInteger());
        count.incrementAndGet();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                count.decrementAndGet();
            }
        });
    }

    public int inFlight(String key) {
        AtomicInteger count = inFlight.get(key);
        return count == null ? 0 : count.get();
    }
}
