package app.router4ai.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.router4ai.api.ApiError;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The failed-auth limiter's accounting of key verifications, and the address it counts. */
class FailedAuthLimiterTest {

    private final FailedAuthLimiter limiter = new FailedAuthLimiter(new RateLimits(true, 60, 60, RateLimits.Backend.LOCAL,
            RateLimits.RedisFailure.OPEN, Duration.ofMillis(150), Duration.ofSeconds(5), "t:", Duration.ofSeconds(5),
            new RateLimits.FailedAuth(true, 3, Duration.ofMinutes(1), 2)), new SimpleMeterRegistry());

    @Test
    void anAddressRunsAtMostItsConcurrentChecksAtOnce() {
        FailedAuthLimiter.KeyCheck first = limiter.startCheck("203.0.113.1");
        FailedAuthLimiter.KeyCheck second = limiter.startCheck("203.0.113.1");
        assertThatThrownBy(() -> limiter.startCheck("203.0.113.1"))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.getMessage()).contains("at once");
                });
        limiter.startCheck("203.0.113.2").close();   // another address is not affected
        first.passed();
        first.close();
        second.close();
        // the good key gave its failure back, the refused third took none: two failures left of three
        limiter.startCheck("203.0.113.1").close();
        limiter.startCheck("203.0.113.1").close();
        assertThatThrownBy(() -> limiter.startCheck("203.0.113.1")).isInstanceOf(ApiError.class);
    }

    @Test
    void goodKeysNeverSpendTheAllowance() {
        for (int i = 0; i < 10; i++) {
            try (FailedAuthLimiter.KeyCheck check = limiter.startCheck("203.0.113.3")) {
                check.passed();
            }
        }
        limiter.startCheck("203.0.113.3").close();
    }

    @Test
    void anIpv6ClientCountsAsItsSlash64() {
        assertThat(ClientAddress.limitKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.limitKey("[2001:db8:1:2::9]")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.limitKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.limitKey("unknown")).isEqualTo("unknown");
    }
}
