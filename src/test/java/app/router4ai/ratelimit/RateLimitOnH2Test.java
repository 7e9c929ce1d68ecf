package app.router4ai.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.auth.KeyHasher;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The in-process backend (no Redis configured), and failed-authentication limiting. */
class RateLimitOnH2Test extends RateLimitContract {

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        // Each test below speaks from an address of its own (X-Forwarded-For from the loopback "proxy",
        // which Tomcat believes: server.forward-headers-strategy=native), so they cannot use up each other's allowance.
        registry.add("router.ratelimit.failed-auth.max-failures", () -> "5");
    }

    @Autowired
    KeyHasher hasher;

    @Test
    void healthShowsTheLocalBackend() {
        JsonNode limiter = rateLimiterHealth();
        assertThat(limiter.get("status").asText()).isEqualTo("UP");
        assertThat(limiter.at("/details/backend").asText()).isEqualTo("local");
    }

    @Test
    void anAddressThatFailedTooOftenGets429BeforeAnyKeyLookupOrArgon2() {
        TenantKey tenant = newTenantKey();
        String attacker = "203.0.113.7";
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = chat("ram_live_zzzzzzzzzzzzzzzz_" + "A".repeat(43), HELLO, "X-Forwarded-For", attacker);
            assertThat(r.statusCode()).as("failure %d", i + 1).isEqualTo(401);
        }
        long verifications = hasher.verifications();

        // A known key id with a wrong secret would cost an Argon2 verification: refused before it.
        HttpResponse<String> blocked = chat("ram_live_" + tenant.keyId() + "_" + "B".repeat(43), HELLO, "X-Forwarded-For", attacker);
        assertThat(blocked.statusCode()).isEqualTo(429);
        JsonNode error = readJson(blocked.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.get("type").asText()).isEqualTo("requests");
        assertThat(error.get("message").asText()).contains("failed authentication");
        assertThat(Long.parseLong(blocked.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 12L);
        assertThat(blocked.headers().firstValue("retry-after-ms")).isPresent();
        // Even a valid key, from that address, and whatever the client puts in front of the proxy's entry.
        assertThat(chat(tenant.key(), HELLO, "X-Forwarded-For", attacker).statusCode()).isEqualTo(429);
        assertThat(chat(tenant.key(), HELLO, "X-Forwarded-For", "198.51.100.1, " + attacker).statusCode()).isEqualTo(429);
        assertThat(hasher.verifications()).isEqualTo(verifications);
        assertThat(OPENAI.received()).isEmpty();

        // Other addresses are not affected.
        assertThat(chat(tenant.key(), HELLO, "X-Forwarded-For", "203.0.113.8").statusCode()).isEqualTo(200);
        assertThat(chat("ram_live_zzzzzzzzzzzzzzzz_" + "A".repeat(43), HELLO, "X-Forwarded-For", "203.0.113.9")
                .statusCode()).isEqualTo(401);
    }
}
