package app.router4ai.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RedisAvailable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.mock.env.MockEnvironment;

/**
 * What one limiter check costs (a quick loop after JIT warm-up, not JMH): run with
 * {@code ./mvnw test -Dtest=RateLimitCostTest -Dratelimit.bench=true}. Off by default: timing on
 * shared CI cores proves little and costs everyone's time.
 */
@EnabledIfSystemProperty(named = "ratelimit.bench", matches = "true")
class RateLimitCostTest {

    private static final RateLimits SETTINGS = new RateLimits(true, 60, 60, RateLimits.Backend.AUTO,
            RateLimits.RedisFailure.OPEN, Duration.ofMillis(150), Duration.ofSeconds(5),
            RedisAvailable.PREFIX + "bench:", Duration.ofSeconds(5),
            new RateLimits.FailedAuth(true, 20, Duration.ofMinutes(1), 4));

    @Test
    void inProcess() {
        LocalGcra gcra = new LocalGcra(Duration.ofMinutes(10), 1_000_000);
        // Many tenants, a generous limit: measures the allowed path, which is the common one.
        TenantLimits limits = TenantLimits.of(100_000, 1_000_000);
        String[] tenants = new String[1000];
        for (int i = 0; i < tenants.length; i++) {
            tenants[i] = "ten_" + Integer.toHexString(0x10000000 + i);
        }
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            int n = 5_000_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += gcra.check(tenants[i % tenants.length], limits).remaining();
            }
            double ns = (System.nanoTime() - start) / (double) n;
            System.out.printf("in-process check: %.0f ns (round %d)%n", ns, round);
        }
        assertThat(sink).isNotZero();
    }

    @Test
    void redis() throws Exception {
        MockEnvironment env = new MockEnvironment().withProperty("spring.data.redis.url", RedisAvailable.URL);
        RedisGcra redis = new RedisGcra(SETTINGS, env, new SimpleMeterRegistry());
        try {
            TenantLimits limits = TenantLimits.of(100_000, 1_000_000);
            for (int round = 0; round < 3; round++) {
                int n = 20_000;
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    assertThat(redis.check("ten_bench_" + (i % 100), limits)).isNotNull();
                }
                System.out.printf("redis check, one caller: %.1f µs (round %d)%n", (System.nanoTime() - start) / 1e3 / n, round);
            }
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                LongAdder done = new LongAdder();
                long start = System.nanoTime();
                Future<?>[] callers = new Future<?>[32];
                for (int t = 0; t < callers.length; t++) {
                    int id = t;
                    callers[t] = pool.submit(() -> {
                        for (int i = 0; i < 2_000; i++) {
                            redis.check("ten_bench_" + id, limits);
                            done.increment();
                        }
                    });
                }
                for (Future<?> f : callers) {
                    f.get(60, TimeUnit.SECONDS);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("redis, 32 concurrent callers: %.0f checks/s%n", done.sum() / seconds);
            }
        } finally {
            redis.close();
        }
    }
}
