package app.router4ai.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

/**
 * Requests in flight per deployment, for {@code balance: least-busy}: counted from the attempt's start until
 * its request is done (a failed attempt's deployment stays counted until the request ends elsewhere: short).
 */
@Component
public class DeploymentLoad {

    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

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
