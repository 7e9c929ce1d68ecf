package app.router4ai.cache;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RedisAvailable;
import app.router4ai.support.RedisTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The response cache in Redis, shared by every instance. */
@RedisTest
class ResponseCacheOnRedisTest extends ResponseCacheContract {

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> RedisAvailable.URL);
        registry.add("router.ratelimit.redis-key-prefix", () -> RedisAvailable.PREFIX);
        registry.add("router.cache.redis-key-prefix", () -> RedisAvailable.PREFIX + "cache:");
    }

    @Autowired
    ResponseCache cache;

    @Test
    void theCacheIsRedis() {
        assertThat(cache.backend()).isEqualTo("redis");
    }

    @Test
    void theRedisCacheStaysUnderItsMemoryCap() {
        RedisResponseCache small = new RedisResponseCache(io.lettuce.core.RedisURI.create(RedisAvailable.URL),
                new CacheSettings(true, java.time.Duration.ofHours(1), false, CacheSettings.Backend.REDIS,
                        org.springframework.util.unit.DataSize.ofMegabytes(1), org.springframework.util.unit.DataSize.ofKilobytes(10),
                        org.springframework.util.unit.DataSize.ofKilobytes(512), RedisAvailable.PREFIX + "cap:",
                        java.time.Duration.ofMillis(500)));
        try {
            byte[] value = new byte[1_000];
            for (int i = 0; i < 50; i++) {
                small.put("k" + i, value, java.time.Duration.ofMinutes(1));
            }
            assertThat(small.get("k49")).isNotNull();
            assertThat(small.get("k0")).as("oldest evicted to stay under 10 KB").isNull();
            int kept = 0;
            for (int i = 0; i < 50; i++) {
                kept += small.get("k" + i) == null ? 0 : 1;
            }
            assertThat(kept).isBetween(5, 10);
        } finally {
            small.close();
        }
    }
}
