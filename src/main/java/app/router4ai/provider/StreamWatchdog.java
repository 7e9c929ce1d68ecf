package app.router4ai.provider;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Bounds the silences of a provider's stream that the socket timeout cannot tell apart: the time to its first
 * content (from the attempt's start) and, once content flows, the longest gap between two reads (a stalled
 * stream). One daemon thread looks at every open stream ten times a second and aborts the connection of one
 * that overran, so that the read waiting on it fails at once (an {@link IOException}) and the caller decides
 * what that means: before the first content a failover, after it a broken stream.
 */
@Component
public class StreamWatchdog implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StreamWatchdog.class);
    private static final long TICK_MS = 100;

    private final Set<Guard> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .name("stream-watchdog").daemon(true).factory());
    private final MeterRegistry meters;

    public StreamWatchdog(MeterRegistry meters) {
        this.meters = meters;
        ticker.scheduleAtFixedRate(this::check, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Watches {@code upstream}: its first content must come before {@code firstContentByNanos} (a
     * {@link System#nanoTime()}); after {@link Guard#contentStarted()}, no silence may last {@code idleMs}.
     */
    public Guard watch(InputStream upstream, String provider, long firstContentByNanos, long idleMs) {
        Guard guard = new Guard(upstream, provider, firstContentByNanos, idleMs * 1_000_000);
        open.add(guard);
        return guard;
    }

    private void check() {
        long now = System.nanoTime();
        for (Guard guard : open) {
            if (now - guard.deadlineNanos > 0) {
                open.remove(guard);
                guard.fire();
            }
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
    }

    /** A provider's stream under watch; closing it ends the watch. */
    public final class Guard extends FilterInputStream {

        private final String provider;
        private final long idleNanos;
        private volatile long deadlineNanos;
        private volatile boolean started;
        private volatile String fired;

        private Guard(InputStream in, String provider, long firstContentByNanos, long idleNanos) {
            super(in);
            this.provider = provider;
            this.deadlineNanos = firstContentByNanos;
            this.idleNanos = idleNanos;
        }

        /** The first content arrived: from now on the bound is the idle time between reads. */
        public void contentStarted() {
            started = true;
            deadlineNanos = System.nanoTime() + idleNanos;
        }

        /** Why the watchdog cut the stream ({@code first_token_timeout}, {@code idle_timeout}), or null. */
        public String fired() {
            return fired;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            alive(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            alive(n);
            return n;
        }

        private void alive(int n) {
            if (n > 0 && started) {
                deadlineNanos = System.nanoTime() + idleNanos;
            }
        }

        private void fire() {
            fired = started ? "idle_timeout" : "first_token_timeout";
            meters.counter("router.stream.timeouts", "provider", provider, "reason", fired).increment();
            log.info("The stream of {} went silent ({}): cutting it", provider, fired);
            Thread.ofVirtual().start(this::abort);
        }

        /**
         * Drops the connection: a read blocked on it fails now. (A plain close reads the body to its end first, to
         * keep the connection, which for a stream that goes on, or stays silent, is the wait we are cutting.)
         */
        public void abort() {
            open.remove(this);
            try {
                if (in instanceof EofSensorInputStream sensor) {
                    sensor.abort();
                } else {
                    in.close();
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Cutting a stream of {}: {}", provider, e.toString());
            }
        }

        @Override
        public void close() throws IOException {
            open.remove(this);
            super.close();
        }
    }
}
