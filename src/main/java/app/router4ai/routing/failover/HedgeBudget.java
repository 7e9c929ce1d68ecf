package app.router4ai.routing.failover;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Caps hedges at {@code max_percent} of a model's hedged requests: a token bucket per model that each request fills
 * by {@code max_percent / 100} of a token and each hedge empties by one, holding at most one (so hedges never come
 * in a burst after a quiet spell, and the first request may hedge). When a provider slows down for everyone, this is
 * what keeps hedging from doubling the load on the one behind it.
 */
@Component
public class HedgeBudget {

    /** One hedge, in the bucket's unit of a hundredth of a percent of a request (no rounding drift). */
    private static final long HEDGE = 10_000;

    private final Map<String, long[]> tokens = new ConcurrentHashMap<>();

    /** One more request of {@code model} that could be hedged. */
    public void request(String model, HedgePolicy policy) {
        long[] bucket = tokens.computeIfAbsent(model, k -> new long[] {HEDGE});
        synchronized (bucket) {
            bucket[0] = Math.min(HEDGE, bucket[0] + Math.round(policy.maxPercent() * 100));
        }
    }

    /** Takes a hedge from the budget; false when it is spent. */
    public boolean tryHedge(String model) {
        long[] bucket = tokens.get(model);
        if (bucket == null) {
            return false;
        }
        synchronized (bucket) {
            if (bucket[0] < HEDGE) {
                return false;
            }
            bucket[0] -= HEDGE;
            return true;
        }
    }

    /** Forgets every budget (tests). */
    public void reset() {
        tokens.clear();
    }
}
