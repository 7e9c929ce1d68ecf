package app.router4ai.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RedisAvailable;
import app.router4ai.support.RedisTest;
import app.router4ai.support.RouterTest;
import app.router4ai.support.TcpProxy;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis reached through a proxy the test cuts and restores (the shared Redis server is never touched):
 * unreachable at start-up, then back, then lost mid-flight. The router keeps serving (fail-open) with
 * its own limits, says so in /actuator/health, and returns to Redis by itself.
 */
@RedisTest
class RateLimitRedisFailoverTest extends RouterTest {

    private static final URI REDIS = URI.create(RedisAvailable.URL);
    private static final TcpProxy PROXY = new TcpProxy(REDIS.getHost(), REDIS.getPort() < 0 ? 6379 : REDIS.getPort());
    static final String HELLO = RateLimitContract.HELLO;

    @DynamicPropertySource
    static void redisBehindAProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + PROXY.port());
        registry.add("router.ratelimit.redis-key-prefix", () -> RedisAvailable.PREFIX + "failover:");
        registry.add("router.ratelimit.redis-check-interval", () -> "300ms");
    }

    @AfterAll
    static void closeProxy() {
        PROXY.close();
    }

    @Autowired
    RedisGcra redis;

    @Autowired
    MeterRegistry meters;

    @Test
    void failsOpenWhileRedisIsAwayAndComesBack() throws Exception {
        // The proxy has not started: Redis was unreachable when the router started.
        assertThat(redis.available()).isFalse();
        TenantKey tenant = newTenantKey();
        admin("PATCH", "/admin/v1/tenants/" + tenant.tenantId(), "{\"rate_limit_rps\":2,\"rate_limit_burst\":2}", 200);
        HttpResponse<String> served = chat(tenant.key(), HELLO);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
        assertThat(chat(tenant.key(), HELLO).statusCode()).as("the local limiter still limits").isEqualTo(429);
        JsonNode degraded = rateLimiterHealth();
        assertThat(degraded.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(degraded.at("/details/backend").asText()).isEqualTo("redis");
        assertThat(degraded.at("/details/state").asText()).isEqualTo("degraded");
        assertThat(degraded.at("/details/fallback").asText()).isEqualTo("local");
        assertThat(overallHealth()).as("serving fine: not a reason to restart").isEqualTo("UP");
        assertThat(meters.get("router.ratelimit.redis.available").gauge().value()).isZero();

        PROXY.start();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(redis::available);
        assertThat(rateLimiterHealth().get("status").asText()).isEqualTo("UP");
        assertThat(meters.get("router.ratelimit.redis.available").gauge().value()).isEqualTo(1);
        TenantKey fresh = newTenantKey();
        assertThat(chat(fresh.key(), HELLO).statusCode()).isEqualTo(200);
        assertThat(redis.available()).isTrue();

        double failuresBefore = meters.get("router.ratelimit.redis.failures").counter().count();
        PROXY.stop();
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(chat(fresh.key(), HELLO).statusCode()).isEqualTo(200);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).as("no request waits long for a dead Redis").isLessThan(3_000);
        assertThat(redis.available()).isFalse();
        assertThat(rateLimiterHealth().get("status").asText()).isEqualTo("DEGRADED");
        assertThat(meters.get("router.ratelimit.redis.failures").counter().count()).as("counted once, not per request")
                .isEqualTo(failuresBefore + 1);

        PROXY.start();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(redis::available);
        assertThat(chat(fresh.key(), HELLO).statusCode()).isEqualTo(200);
    }

    private JsonNode rateLimiterHealth() {
        return readJson(send("GET", "/actuator/health", null, null).body()).at("/components/rateLimiter");
    }

    private String overallHealth() {
        return readJson(send("GET", "/actuator/health", null, null).body()).get("status").asText();
    }
}
