package app.router4ai.ratelimit;

import app.router4ai.api.ApiError;
import app.router4ai.auth.ApiKeyAuthenticator;
import app.router4ai.auth.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The {@code throttle} route's step: per tenant, {@code rps} requests per second with bursts of
 * {@code burst}, in Redis when configured (shared by all instances) or in this JVM. Leaves its
 * {@link RateLimitDecision} in the exchange for the response headers; over the limit, a 429.
 */
@Component
public class TenantRateLimiter implements Processor {

    private final RateLimits settings;
    private final TenantLimitsCache limits;
    private final RedisGcra redis;
    private final LocalGcra local = new LocalGcra(Duration.ofMinutes(10), 1_000_000);
    private final Counter rejected;

    public TenantRateLimiter(RateLimits settings, TenantLimitsCache limits, RedisGcra redis, MeterRegistry meters) {
        this.settings = settings;
        this.limits = limits;
        this.redis = redis;
        this.rejected = Counter.builder("router.ratelimit.rejected").tag("limit", "tenant")
                .description("Requests answered 429 because their tenant was over its rate").register(meters);
    }

    @Override
    public void process(Exchange exchange) {
        if (!settings.enabled()) {
            return;
        }
        Caller caller = exchange.getProperty(ApiKeyAuthenticator.CALLER, Caller.class);
        if (caller == null) {
            return;
        }
        TenantLimits tenantLimits = limits.get(caller.tenantId());
        RateLimitDecision decision = check(caller.tenantId(), tenantLimits);
        exchange.setProperty(RateLimitDecision.PROPERTY, decision);
        if (!decision.allowed()) {
            rejected.increment();
            throw RateLimitHeaders.exceeded(decision, "Rate limit exceeded (burst): this organization allows "
                    + tenantLimits.rps() + " requests per second with bursts of " + tenantLimits.burst()
                    + ". Retry after " + RateLimitHeaders.duration(decision.retryAfterNanos()) + ".");
        }
    }

    /** Redis when it is configured and answering; otherwise this JVM's limiter (fail-open) or a 503 (fail-closed). */
    public RateLimitDecision check(String tenantId, TenantLimits tenantLimits) {
        if (redis.enabled()) {
            RateLimitDecision shared = redis.check(tenantId, tenantLimits);
            if (shared != null) {
                return shared;
            }
            if (settings.redisFailure() == RateLimits.RedisFailure.CLOSED) {
                throw new ApiError(503, "server_error", "rate_limiter_unavailable", null,
                        "The rate limiter is unavailable; retry shortly.",
                        Map.of("Retry-After", Long.toString(Math.max(1, settings.redisCheckInterval().toSeconds()))));
            }
        }
        return local.check(tenantId, tenantLimits);
    }
}
