package app.router4ai.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * GCRA in Redis, so one limit holds across all instances: one EVALSHA per request, atomic because a
 * script runs alone, on Redis's own clock ({@code TIME}) so instances' clocks do not matter.
 *
 * <p>Why Lettuce directly, not Bucket4j or Spring Data Redis: the whole state is one integer per
 * tenant and the script is 15 lines; Bucket4j's Lettuce proxy stores a serialized bucket and adds a
 * library and its configuration objects per tenant, and Spring Data Redis would bring its own Redis
 * health indicator, which turns the router's health DOWN whenever Redis is away, exactly when this
 * class keeps the router serving.
 *
 * <p>Failure handling: commands time out after {@code redis-timeout}; Lettuce does not reconnect by
 * itself and rejects commands at once while disconnected, so a dead Redis costs requests nothing.
 * The first failure switches this instance to "unavailable" (logged once); a scheduled probe every
 * {@code redis-check-interval} reconnects and switches back. No request ever opens a connection.
 */
@Component
public class RedisGcra {

    private static final Logger log = LoggerFactory.getLogger(RedisGcra.class);

    /** Returns {allowed, remaining, reset µs, retry-after µs}. Times in µs since the epoch fit a Lua double exactly. */
    static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local stored = redis.call('GET', KEYS[1])
            local tat = now
            if stored then tat = math.max(tonumber(stored), now) end
            local new_tat = tat + interval
            local allow_at = new_tat - interval * burst
            if now < allow_at then
              return {0, 0, tat - now, allow_at - now}
            end
            redis.call('SET', KEYS[1], string.format('%d', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1000)
            return {1, math.floor((now - allow_at) / interval), new_tat - now, 0}
            """;

    private final RateLimits settings;
    private final RedisClient client;
    private final String where;
    private final Counter failures;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile String sha;
    private volatile boolean available;
    private volatile Instant unavailableSince;
    private volatile String lastError;
    private boolean startedUp;

    public RedisGcra(RateLimits settings, Environment env, MeterRegistry meters) {
        this.settings = settings;
        RedisURI uri = app.router4ai.redis.RedisLocation.uri(env);
        boolean wanted = switch (settings.backend()) {
            case LOCAL -> false;
            case REDIS -> true;
            case AUTO -> uri != null;
        };
        if (wanted && uri == null) {
            uri = RedisURI.create("127.0.0.1", 6379);
        }
        if (!wanted) {
            this.client = null;
            this.where = null;
            this.failures = null;
            return;
        }
        uri.setTimeout(settings.redisTimeout());
        this.where = uri.getHost() + ":" + uri.getPort();
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.redisTimeout()))
                .build());
        this.failures = Counter.builder("router.ratelimit.redis.failures")
                .description("Times this instance lost Redis and fell back to its own limiter").register(meters);
        Gauge.builder("router.ratelimit.redis.available", this, r -> r.available ? 1 : 0)
                .description("1 while the shared Redis limiter is in use").register(meters);
        probe();
        startedUp = true;
        if (!available) {
            log.warn("Redis rate limiter at {} is unreachable at start-up ({}); {} until it answers (checked every {}).",
                    where, lastError, fallbackText(), settings.redisCheckInterval());
        }
    }

    /** Whether Redis is the configured backend at all. */
    public boolean enabled() {
        return client != null;
    }

    public boolean available() {
        return available;
    }

    public String where() {
        return where;
    }

    public Instant unavailableSince() {
        return unavailableSince;
    }

    public String lastError() {
        return lastError;
    }

    /** The decision, or {@code null} when Redis cannot give one now (the caller falls back or refuses). */
    public RateLimitDecision check(String key, TenantLimits limits) {
        if (!available) {
            return null;
        }
        try {
            List<Long> r = eval(settings.redisKeyPrefix() + key, limits);
            return new RateLimitDecision(r.get(0) == 1, limits.burst(), r.get(1), r.get(2) * 1_000, r.get(3) * 1_000);
        } catch (RuntimeException e) {
            lost(e);
            return null;
        }
    }

    /**
     * A counter shared by all instances (a key's tokens in one minute): adds {@code delta} (0 reads it) and keeps it
     * {@code ttlSeconds}; null when Redis cannot answer now (the caller counts in this JVM instead).
     */
    public Long addToCounter(String key, long delta, long ttlSeconds) {
        StatefulRedisConnection<String, String> c = connection;
        if (!available || c == null) {
            return null;
        }
        try {
            String k = settings.redisKeyPrefix() + key;
            if (delta == 0) {
                String value = c.sync().get(k);
                return value == null ? 0L : Long.parseLong(value);
            }
            long total = c.sync().incrby(k, delta);
            c.sync().expire(k, ttlSeconds);
            return total;
        } catch (RuntimeException e) {
            lost(e);
            return null;
        }
    }

    private List<Long> eval(String key, TenantLimits limits) {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            throw new IllegalStateException("no connection");
        }
        String[] keys = {key};
        String interval = Long.toString(limits.intervalMicros());
        String burst = Integer.toString(limits.burst());
        try {
            return c.sync().evalsha(sha, ScriptOutputType.MULTI, keys, interval, burst);
        } catch (RedisNoScriptException e) {
            // Redis restarted or was flushed since we loaded the script: load it again, once.
            sha = c.sync().scriptLoad(SCRIPT);
            return c.sync().evalsha(sha, ScriptOutputType.MULTI, keys, interval, burst);
        }
    }

    private synchronized void lost(RuntimeException e) {
        if (!available) {
            return;
        }
        available = false;
        unavailableSince = Instant.now();
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        failures.increment();
        log.warn("Redis rate limiter at {} failed ({}); {} until it answers again (checked every {}).",
                where, lastError, fallbackText(), settings.redisCheckInterval());
    }

    /** Off the request path: reconnects and loads the script; switches back to Redis when both work. */
    @Scheduled(fixedDelayString = "${router.ratelimit.redis-check-interval:5s}")
    public synchronized void probe() {
        if (client == null || available) {
            return;
        }
        try {
            StatefulRedisConnection<String, String> c = connection;
            if (c == null || !c.isOpen()) {
                if (c != null) {
                    c.closeAsync();
                }
                c = client.connect();
                connection = c;
            }
            sha = c.sync().scriptLoad(SCRIPT);
            available = true;
            if (startedUp) {
                log.info("Redis rate limiter at {} answers again after {}; limits are shared again.", where,
                        Duration.between(unavailableSince, Instant.now()).toMillis() + " ms");
            }
            lastError = null;
            unavailableSince = null;
        } catch (RuntimeException e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (unavailableSince == null) {
                unavailableSince = Instant.now();
            }
        }
    }

    private String fallbackText() {
        return settings.redisFailure() == RateLimits.RedisFailure.OPEN
                ? "serving with this instance's own limits (fail-open)"
                : "answering 503 (router.ratelimit.redis-failure=closed)";
    }

    @PreDestroy
    void close() {
        if (client != null) {
            StatefulRedisConnection<String, String> c = connection;
            if (c != null) {
                c.close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

}
