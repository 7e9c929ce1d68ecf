package app.router4ai.billing.stripe;

import java.util.concurrent.locks.LockSupport;

/** Spaces calls evenly to stay under a rate (Stripe's meter-event limit); shared by the sender's threads. */
final class MeterRateLimiter {

    private final long intervalNanos;
    private long nextFreeNanos = System.nanoTime();

    MeterRateLimiter(int perSecond) {
        this.intervalNanos = 1_000_000_000L / Math.max(1, perSecond);
    }

    void acquire() {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextFreeNanos);
            nextFreeNanos = slot + intervalNanos;
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
