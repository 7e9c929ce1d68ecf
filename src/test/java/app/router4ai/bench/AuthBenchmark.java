package app.router4ai.bench;

import app.router4ai.api.Headers;
import app.router4ai.auth.ApiKeyAuthenticator;
import app.router4ai.auth.ApiKeyFormat;
import app.router4ai.auth.ApiKeyStore;
import app.router4ai.auth.Caller;
import app.router4ai.auth.KeyHasher;
import app.router4ai.auth.KeySettingsCache;
import app.router4ai.auth.KeyUsageTracker;
import app.router4ai.auth.StoredKey;
import app.router4ai.auth.VerifiedKeyCache;
import app.router4ai.ratelimit.FailedAuthLimiter;
import app.router4ai.ratelimit.RateLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The key check with a warm cache: a real Argon2id hash (the app's default cost) is verified once in
 * setup; every measured call is then the cached path (SHA-256 of the key + Caffeine lookup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuthBenchmark {

    static final RateLimits RATE_LIMITS = new RateLimits(true, 60, 60, RateLimits.Backend.LOCAL, RateLimits.RedisFailure.OPEN,
            Duration.ofMillis(150), Duration.ofSeconds(5), "bench:", Duration.ofSeconds(5),
            new RateLimits.FailedAuth(true, 20, Duration.ofMinutes(1), 4));

    private String key;
    private String bearer;
    private VerifiedKeyCache cache;
    private ApiKeyAuthenticator authenticator;
    private KeyHasher hasher;
    private StoredKey stored;

    @Setup
    public void setUp() {
        String id = ApiKeyFormat.newId();
        key = ApiKeyFormat.newKey(id);
        bearer = "Bearer " + key;
        hasher = new KeyHasher(new KeyHasher.Settings(19456, 2, 1, 0));
        stored = new StoredKey(id, "ten_bench", "bench", ApiKeyFormat.displayPrefix(id), hasher.hash(key),
                Instant.now(), null, null);
        ApiKeyStore store = new ApiKeyStore(null) {
            @Override
            public Optional<StoredKey> find(String keyId) {
                return keyId.equals(stored.id()) ? Optional.of(stored) : Optional.empty();
            }
        };
        cache = new VerifiedKeyCache();
        authenticator = new ApiKeyAuthenticator(store, hasher, cache, new KeyUsageTracker(store),
                new FailedAuthLimiter(RATE_LIMITS, new SimpleMeterRegistry()), new KeySettingsCache(null),
                java.time.Clock.systemUTC());
        // The one Argon2 verification; everything measured below is the warm path.
        Exchange first = BenchFixtures.exchange();
        first.getMessage().setHeader(Headers.AUTHORIZATION, bearer);
        authenticator.process(first);
        if (hasher.verifications() != 1) {
            throw new IllegalStateException("expected exactly one Argon2 verification, got " + hasher.verifications());
        }
    }

    /** VerifiedKeyCache alone: SHA-256 + hex of the key, Caffeine hit. */
    @Benchmark
    public Caller verifiedKeyCacheHit() {
        return cache.get(key, full -> {
            throw new IllegalStateException("cache miss in a warm benchmark");
        });
    }

    /** The whole authenticate step as the route runs it: failed-auth check, header, cache, usage tracking. */
    @Benchmark
    public Object authenticatorProcess() {
        Exchange exchange = BenchFixtures.exchange();
        exchange.getMessage().setHeader(Headers.AUTHORIZATION, bearer);
        authenticator.process(exchange);
        return exchange.getProperty(ApiKeyAuthenticator.CALLER);
    }

    /** For scale: one Argon2id verification (what the cache saves), in milliseconds. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public boolean argon2VerifyUncached() {
        return hasher.verify(key, stored.hash());
    }
}
