package app.router4ai.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RedisAvailable;
import app.router4ai.support.RedisTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same contract with the limit kept in Redis (shared by every instance pointing at it). */
@RedisTest
class RateLimitOnRedisTest extends RateLimitContract {

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> RedisAvailable.URL);
        registry.add("router.ratelimit.redis-key-prefix", () -> RedisAvailable.PREFIX);
    }

    @Autowired
    RedisGcra redisGcra;

    @Autowired
    TenantRateLimiter limiter;

    @Test
    void theLimitLivesInRedisUnderOurPrefix() {
        assertThat(redisGcra.enabled()).isTrue();
        assertThat(redisGcra.available()).isTrue();
        JsonNode health = rateLimiterHealth();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/details/backend").asText()).isEqualTo("redis");
        assertThat(health.at("/details/state").asText()).isEqualTo("connected");

        TenantKey tenant = newTenantKey();
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
        RedisClient client = RedisClient.create(RedisAvailable.URL);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            String key = RedisAvailable.PREFIX + tenant.tenantId();
            assertThat(c.sync().get(key)).as("TAT in µs since the epoch").matches("\\d{16}");
            assertThat(c.sync().pttl(key)).isBetween(1L, 2_100L);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void twoInstancesShareOneAllowance() {
        // A second limiter over the same Redis and prefix stands in for another instance.
        TenantLimits three = TenantLimits.of(1, 3);
        String tenant = "ten_shared_" + System.nanoTime();
        assertThat(limiter.check(tenant, three).allowed()).isTrue();
        assertThat(redisGcra.check(tenant, three).allowed()).isTrue();
        assertThat(limiter.check(tenant, three).allowed()).isTrue();
        RateLimitDecision fourth = redisGcra.check(tenant, three);
        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.retryAfterNanos()).isBetween(900_000_000L, 1_000_000_000L);
    }
}
