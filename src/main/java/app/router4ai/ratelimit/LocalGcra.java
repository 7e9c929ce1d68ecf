package app.router4ai.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * GCRA in this JVM: per key, one {@code long} (the theoretical arrival time, TAT) updated by CAS.
 * No lock, no allocation beyond the decision; an idle key is forgotten, which is the same as full.
 * Used alone (backend local) and as the fallback while Redis is away.
 */
public class LocalGcra {

    private static final Function<String, AtomicLong> NEW_STATE = k -> new AtomicLong(Long.MIN_VALUE);

    private final Cache<String, AtomicLong> tats;

    public LocalGcra(Duration idleAfter, long maxKeys) {
        this.tats = Caffeine.newBuilder().expireAfterAccess(idleAfter).maximumSize(maxKeys).build();
    }

    public RateLimitDecision check(String key, TenantLimits limits) {
        return acquire(tats.get(key, NEW_STATE), System.nanoTime(), limits.intervalNanos(), limits.burst());
    }

    /** The decision a further request would get, without taking it (for failed-auth blocking). */
    public RateLimitDecision peek(String key, long intervalNanos, int burst) {
        AtomicLong state = tats.getIfPresent(key);
        return state == null ? new RateLimitDecision(true, burst, burst, 0, 0)
                : decide(state.get(), System.nanoTime(), intervalNanos, burst);
    }

    public RateLimitDecision acquire(String key, long intervalNanos, int burst) {
        return acquire(tats.get(key, NEW_STATE), System.nanoTime(), intervalNanos, burst);
    }

    /** Gives back one request taken by {@link #acquire(String, long, int)}: its outcome made it free after all. */
    public void release(String key, long intervalNanos) {
        AtomicLong state = tats.getIfPresent(key);
        if (state != null) {
            state.addAndGet(-intervalNanos);
        }
    }

    /** One GCRA step on {@code state} at time {@code now}; the state moves only when the request is allowed. */
    static RateLimitDecision acquire(AtomicLong state, long now, long interval, int burst) {
        while (true) {
            long tat = state.get();
            RateLimitDecision decision = decide(tat, now, interval, burst);
            if (!decision.allowed() || state.compareAndSet(tat, Math.max(tat, now) + interval)) {
                return decision;
            }
        }
    }

    /**
     * The request is allowed when, after adding it, the tenant would be at most one window ahead of
     * its rate: {@code newTat - window <= now}. Remaining is how many more intervals fit in the slack.
     */
    static RateLimitDecision decide(long tat, long now, long interval, int burst) {
        long base = Math.max(tat, now);
        long newTat = base + interval;
        long allowAt = newTat - interval * burst;
        if (now < allowAt) {
            return new RateLimitDecision(false, burst, 0, base - now, allowAt - now);
        }
        return new RateLimitDecision(true, burst, (now - allowAt) / interval, newTat - now, 0);
    }
}
