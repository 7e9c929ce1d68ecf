package app.router4ai.ratelimit;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code rateLimiter} in /actuator/health. While Redis is away and the router fails open, the status
 * is DEGRADED: visible, but not in Spring's status order, so the overall health stays UP and no
 * orchestrator restarts an instance that is serving fine. Failing closed, it is DOWN (requests get 503).
 */
@Component
public class RateLimiterHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Redis unreachable: limits are per instance until it returns");

    private final RateLimits settings;
    private final RedisGcra redis;

    public RateLimiterHealthIndicator(RateLimits settings, RedisGcra redis) {
        this.settings = settings;
        this.redis = redis;
    }

    @Override
    public Health health() {
        if (!redis.enabled()) {
            return Health.up().withDetail("backend", "local").withDetail("state", "in-process").build();
        }
        if (redis.available()) {
            return Health.up().withDetail("backend", "redis").withDetail("state", "connected")
                    .withDetail("redis", redis.where()).build();
        }
        boolean open = settings.redisFailure() == RateLimits.RedisFailure.OPEN;
        Health.Builder health = open ? Health.status(DEGRADED) : Health.down();
        health.withDetail("backend", "redis").withDetail("state", open ? "degraded" : "unavailable")
                .withDetail("fallback", open ? "local" : "503").withDetail("redis", redis.where());
        if (redis.unavailableSince() != null) {
            health.withDetail("since", redis.unavailableSince().toString());
        }
        if (redis.lastError() != null) {
            health.withDetail("error", redis.lastError());
        }
        return health.build();
    }
}
