package app.router4ai.ratelimit;

import app.router4ai.api.ApiError;
import app.router4ai.auth.ApiKeyAuthenticator;
import app.router4ai.auth.Caller;
import app.router4ai.auth.KeySettings;
import app.router4ai.auth.KeySettingsCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The throttle route's step after the workspace's limit: a key with its own limits gets them too. Requests per
 * second through the same GCRA as the workspace (Redis when configured; burst one second's worth); tokens per
 * minute counted per UTC minute (in Redis when configured, shared by every instance): a request is admitted while
 * the key's tokens of this minute are under its limit, and its tokens count when it has been answered, so a
 * request admitted near the limit may overshoot it by its own tokens. Over either: 429 naming the key's limit.
 */
@Component
public class KeyRateLimiter implements Processor {

    private final RateLimits limits;
    private final KeySettingsCache settings;
    private final TenantRateLimiter limiter;
    private final RedisGcra redis;
    private final Clock clock;
    private final Counter rejected;
    private final Cache<String, AtomicLong> localMinutes = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(2)).maximumSize(1_000_000).build();

    public KeyRateLimiter(RateLimits limits, KeySettingsCache settings, TenantRateLimiter limiter, RedisGcra redis,
                          Clock clock, MeterRegistry meters) {
        this.limits = limits;
        this.settings = settings;
        this.limiter = limiter;
        this.redis = redis;
        this.clock = clock;
        this.rejected = Counter.builder("router.ratelimit.rejected").tag("limit", "key")
                .description("Requests answered 429 because their key was over its own rate").register(meters);
    }

    @Override
    public void process(Exchange exchange) {
        Caller caller = exchange.getProperty(ApiKeyAuthenticator.CALLER, Caller.class);
        KeySettings own = caller == null || !limits.enabled() ? null : settings.of(caller.keyId());
        if (own == null) {
            return;
        }
        if (own.rateLimitRps() != null) {
            TenantLimits keyLimits = TenantLimits.of(own.rateLimitRps(), own.rateLimitRps());
            RateLimitDecision decision = limiter.check("key:" + caller.keyId(), keyLimits);
            if (!decision.allowed()) {
                rejected.increment();
                exchange.setProperty(RateLimitDecision.PROPERTY, decision);
                throw RateLimitHeaders.exceeded(decision, "Rate limit exceeded (key): this API key allows "
                        + own.rateLimitRps() + " requests per second. Retry after "
                        + RateLimitHeaders.duration(decision.retryAfterNanos()) + ".");
            }
        }
        if (own.tokensPerMinute() != null) {
            long minute = clock.millis() / 60_000;
            long used = tokens(caller.keyId(), minute, 0);
            if (used >= own.tokensPerMinute()) {
                rejected.increment();
                long retryMs = Math.max(1, (minute + 1) * 60_000 - clock.millis());
                throw new ApiError(429, "tokens", "rate_limit_exceeded", null, String.format(java.util.Locale.ROOT,
                        "Rate limit exceeded (tokens): this API key allows %,d tokens per minute and has used %,d this "
                                + "minute. Retry after %s.", own.tokensPerMinute(), used, RateLimitHeaders.duration(retryMs * 1_000_000)),
                        Map.of("Retry-After", Long.toString(Math.max(1, (retryMs + 999) / 1000)),
                                RateLimitHeaders.RETRY_AFTER_MS, Long.toString(retryMs)));
            }
        }
    }

    /** A key's answered request used these tokens: they count against its tokens-per-minute limit. */
    public void used(String keyId, long tokens) {
        KeySettings own = settings.of(keyId);
        if (own != null && own.tokensPerMinute() != null && tokens > 0) {
            tokens(keyId, clock.millis() / 60_000, tokens);
        }
    }

    private long tokens(String keyId, long minute, long add) {
        String counter = "tpm:" + keyId + ":" + minute;
        Long shared = redis.enabled() ? redis.addToCounter(counter, add, 120) : null;
        if (shared != null) {
            return shared;
        }
        AtomicLong local = localMinutes.get(counter, k -> new AtomicLong());
        return add == 0 ? local.get() : local.addAndGet(add);
    }
}
