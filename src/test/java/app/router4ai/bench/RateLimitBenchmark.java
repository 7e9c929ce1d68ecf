package app.router4ai.bench;

import app.router4ai.auth.ApiKeyAuthenticator;
import app.router4ai.auth.Caller;
import app.router4ai.ratelimit.LocalGcra;
import app.router4ai.ratelimit.RateLimitDecision;
import app.router4ai.ratelimit.RedisGcra;
import app.router4ai.ratelimit.TenantLimits;
import app.router4ai.ratelimit.TenantLimitsCache;
import app.router4ai.ratelimit.TenantRateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.core.env.StandardEnvironment;

/**
 * The in-process limiter's decision (GCRA on one AtomicLong per tenant). The limit is so high (1 ns per
 * request) that every call is allowed, so the measured path is always the allow + CAS one, as under the bench load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RateLimitBenchmark {

    private static final String TENANT = "ten_bench";
    private final TenantLimits limits = TenantLimits.of(1_000_000_000, 1_000_000);
    private LocalGcra gcra;
    private TenantRateLimiter limiter;
    private Caller caller;

    @Setup
    public void setUp() {
        gcra = new LocalGcra(Duration.ofMinutes(10), 1_000_000);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // The limits cache without its database: the tenant's limits are in memory, as after the first request.
        TenantLimitsCache cache = new TenantLimitsCache(null, AuthBenchmark.RATE_LIMITS) {
            @Override
            public TenantLimits get(String tenantId) {
                return limits;
            }
        };
        limiter = new TenantRateLimiter(AuthBenchmark.RATE_LIMITS, cache,
                new RedisGcra(AuthBenchmark.RATE_LIMITS, new StandardEnvironment(), meters), meters);
        caller = new Caller(TENANT, "key_bench");
    }

    @Benchmark
    public RateLimitDecision localGcraCheck() {
        return gcra.check(TENANT, limits);
    }

    /** The throttle route's processor: caller from the exchange, limits, decision, decision back into the exchange. */
    @Benchmark
    public Object tenantRateLimiterProcess() {
        Exchange exchange = BenchFixtures.exchange();
        exchange.setProperty(ApiKeyAuthenticator.CALLER, caller);
        limiter.process(exchange);
        return exchange.getProperty(RateLimitDecision.PROPERTY);
    }
}
