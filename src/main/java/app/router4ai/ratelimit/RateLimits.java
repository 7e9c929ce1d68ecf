package app.router4ai.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code router.ratelimit.*}: every value has a default that works with no Redis at all.
 *
 * @param defaultRps         requests per second a tenant gets unless its row overrides it
 * @param defaultBurst       requests a quiet tenant may send at once (60 = one second's worth at 60 rps)
 * @param backend            {@code auto} (Redis when {@code spring.data.redis.url}/{@code host} is set), {@code local}, {@code redis}
 * @param redisFailure       {@code open}: keep serving with in-process limits while Redis is away; {@code closed}: answer 503
 * @param redisTimeout       longest a request waits for Redis before it counts as a failure
 * @param redisCheckInterval how often an instance that lost Redis tries it again (one probe, not one per request)
 * @param redisKeyPrefix     namespace of the limiter's keys, so several routers (or test runs) can share one Redis
 * @param limitsRefresh      how stale a tenant's limits may be on an instance that did not receive the PATCH
 */
@ConfigurationProperties("router.ratelimit")
public record RateLimits(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60") int defaultRps,
        @DefaultValue("60") int defaultBurst,
        @DefaultValue("auto") Backend backend,
        @DefaultValue("open") RedisFailure redisFailure,
        @DefaultValue("150ms") Duration redisTimeout,
        @DefaultValue("5s") Duration redisCheckInterval,
        @DefaultValue("router4ai:rl:") String redisKeyPrefix,
        @DefaultValue("5s") Duration limitsRefresh,
        @DefaultValue FailedAuth failedAuth) {

    public enum Backend { AUTO, LOCAL, REDIS }

    public enum RedisFailure { OPEN, CLOSED }

    /**
     * At most {@code maxFailures} failed authentications per {@code window} from one client address, and at
     * most {@code maxConcurrentChecks} Argon2 key verifications from it at once.
     */
    public record FailedAuth(@DefaultValue("true") boolean enabled, @DefaultValue("20") int maxFailures,
                             @DefaultValue("1m") Duration window, @DefaultValue("4") int maxConcurrentChecks) {

        public FailedAuth {
            if (maxFailures <= 0 || maxConcurrentChecks <= 0) {
                throw new IllegalArgumentException(
                        "router.ratelimit.failed-auth.max-failures and max-concurrent-checks must be positive");
            }
        }
    }

    public RateLimits {
        if (defaultRps <= 0 || defaultBurst <= 0) {
            throw new IllegalArgumentException("router.ratelimit.default-rps and default-burst must be positive");
        }
    }

    /** The limits of a tenant whose row says nothing, or only part of it. */
    public TenantLimits resolve(Integer rps, Integer burst) {
        if (rps == null && burst == null) {
            return TenantLimits.of(defaultRps, defaultBurst);
        }
        int r = rps != null ? rps : defaultRps;
        // A tenant given only a rate gets one second's worth as burst, not the default's (which may be larger).
        int b = burst != null ? burst : (rps != null ? rps : defaultBurst);
        return TenantLimits.of(r, b);
    }
}
