package app.router4ai.routing.failover;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The recent times to first byte of each deployment on hedged routes (the last {@link #SAMPLES} answers), for a
 * hedge delay of {@code after_ms: p95}. Only hedged tiers record here: the no-fault path of the others pays nothing.
 */
@Component
public class FirstByteTimes {

    static final int SAMPLES = 200;
    static final int MIN_SAMPLES = 20;

    private final Map<String, Ring> times = new ConcurrentHashMap<>();

    public void record(String deployment, long ms) {
        times.computeIfAbsent(deployment, k -> new Ring()).add(ms);
    }

    /** The 95th percentile of the recent times to first byte in ms, or -1 with fewer than {@link #MIN_SAMPLES}. */
    public long p95(String deployment) {
        Ring ring = times.get(deployment);
        return ring == null ? -1 : ring.p95();
    }

    private static final class Ring {

        private final long[] ms = new long[SAMPLES];
        private int count;
        private int next;

        synchronized void add(long value) {
            ms[next] = value;
            next = (next + 1) % SAMPLES;
            count = Math.min(count + 1, SAMPLES);
        }

        synchronized long p95() {
            if (count < MIN_SAMPLES) {
                return -1;
            }
            long[] sorted = Arrays.copyOf(ms, count);
            Arrays.sort(sorted);
            return sorted[(int) Math.ceil(count * 0.95) - 1];
        }
    }
}
