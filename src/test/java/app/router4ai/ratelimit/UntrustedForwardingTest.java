package app.router4ai.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RouterTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Forwarding headers are believed only from the configured proxies. Here the only trusted proxy is on
 * 10.9.8.0/24, so the tests' own address (loopback, a private address like any other) is just a client:
 * it cannot pick the address the failed-auth limiter counts, nor make itself look like HTTPS.
 */
class UntrustedForwardingTest extends RouterTest {

    private static final String HELLO = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @DynamicPropertySource
    static void aProxyElsewhere(DynamicPropertyRegistry registry) {
        registry.add("router.forwarding.trusted-proxies", () -> "10.9.8.0/24");
        registry.add("router.ratelimit.failed-auth.max-failures", () -> "3");
    }

    @Test
    void aClientOnAPrivateAddressCannotChooseTheAddressItIsLimitedBy() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> guess = chat("ram_live_zzzzzzzzzzzzzzzz_" + "A".repeat(43), HELLO,
                    "X-Forwarded-For", "198.51.100." + i);
            assertThat(guess.statusCode()).isEqualTo(401);
        }
        // a new X-Forwarded-For does not make a new client: the allowance of 127.0.0.1 is spent
        HttpResponse<String> next = chat("ram_live_zzzzzzzzzzzzzzzz_" + "A".repeat(43), HELLO,
                "X-Forwarded-For", "198.51.100.99");
        assertThat(next.statusCode()).isEqualTo(429);
        assertThat(readJson(next.body()).at("/error/message").asText()).contains("failed authentication");
    }

    @Test
    void norMakeTheDashboardBelieveItIsBehindTls() {
        HttpResponse<String> login = send("GET", "/login", null, null, "X-Forwarded-Proto", "https");
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("r4a_session=").doesNotContain("Secure");
    }
}
