package app.router4ai.billing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Streams that will still produce a usage row: counted from the moment a stream is handed to the client until
 * its row is recorded. The ledger waits for them before its last drain, so a stream that ends during shutdown
 * (or is cut by it) is still billed.
 */
@Component
public class OpenStreams {

    private final AtomicInteger open = new AtomicInteger();

    public void opened() {
        open.incrementAndGet();
    }

    public void billed() {
        synchronized (open) {
            open.decrementAndGet();
            open.notifyAll();
        }
    }

    public int count() {
        return open.get();
    }

    /** Waits until no stream is open, or the timeout passes; true when none is. */
    boolean awaitNone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (open) {
            while (open.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    open.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }
}
