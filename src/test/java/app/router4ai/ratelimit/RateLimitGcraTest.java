package app.router4ai.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.api.ApiError;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** GCRA arithmetic on a clock of our own (nanoseconds), and what a client sees of it. */
class RateLimitGcraTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    private final TenantLimits fivePerSecond = TenantLimits.of(5, 5);   // one request per 200 ms, 5 at once

    @Test
    void aQuietTenantGetsItsWholeBurstThenIsLimited() {
        AtomicLong state = new AtomicLong(Long.MIN_VALUE);
        long now = 42 * S;
        for (int i = 0; i < 5; i++) {
            RateLimitDecision d = LocalGcra.acquire(state, now, fivePerSecond.intervalNanos(), 5);
            assertThat(d.allowed()).as("request %d", i + 1).isTrue();
            assertThat(d.remaining()).isEqualTo(4 - i);
            assertThat(d.limit()).isEqualTo(5);
            assertThat(d.resetNanos()).isEqualTo((i + 1) * 200 * MS);
        }
        RateLimitDecision sixth = LocalGcra.acquire(state, now, fivePerSecond.intervalNanos(), 5);
        assertThat(sixth.allowed()).isFalse();
        assertThat(sixth.remaining()).isZero();
        assertThat(sixth.retryAfterNanos()).isEqualTo(200 * MS);
        assertThat(sixth.resetNanos()).isEqualTo(1 * S);
        // A refused request costs nothing: the state did not move.
        assertThat(state.get()).isEqualTo(now + 1 * S);
    }

    @Test
    void refillsAtTheRateNotAllAtOnce() {
        AtomicLong state = new AtomicLong(Long.MIN_VALUE);
        long now = 0;
        for (int i = 0; i < 5; i++) {
            LocalGcra.acquire(state, now, fivePerSecond.intervalNanos(), 5);
        }
        assertThat(LocalGcra.acquire(state, now + 199 * MS, fivePerSecond.intervalNanos(), 5).allowed()).isFalse();
        RateLimitDecision after200 = LocalGcra.acquire(state, now + 200 * MS, fivePerSecond.intervalNanos(), 5);
        assertThat(after200.allowed()).isTrue();
        assertThat(after200.remaining()).isZero();
        RateLimitDecision again = LocalGcra.acquire(state, now + 250 * MS, fivePerSecond.intervalNanos(), 5);
        assertThat(again.allowed()).isFalse();
        assertThat(again.retryAfterNanos()).isEqualTo(150 * MS);

        // Steady traffic at exactly the rate is never refused.
        long t = 10 * S;
        for (int i = 0; i < 100; i++, t += 200 * MS) {
            assertThat(LocalGcra.acquire(state, t, fivePerSecond.intervalNanos(), 5).allowed()).isTrue();
        }
        // A long pause refills to the burst, never beyond it.
        long later = t + 60 * S;
        int allowed = 0;
        while (LocalGcra.acquire(state, later, fivePerSecond.intervalNanos(), 5).allowed()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(5);
    }

    @Test
    void burstAndRateAreIndependent() {
        TenantLimits limits = TenantLimits.of(10, 3);   // 100 ms apart, 3 at once
        AtomicLong state = new AtomicLong(Long.MIN_VALUE);
        assertThat(LocalGcra.acquire(state, 0, limits.intervalNanos(), 3).allowed()).isTrue();
        assertThat(LocalGcra.acquire(state, 0, limits.intervalNanos(), 3).allowed()).isTrue();
        assertThat(LocalGcra.acquire(state, 0, limits.intervalNanos(), 3).allowed()).isTrue();
        RateLimitDecision fourth = LocalGcra.acquire(state, 0, limits.intervalNanos(), 3);
        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.retryAfterNanos()).isEqualTo(100 * MS);
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        ApiError shortWait = RateLimitHeaders.exceeded(new RateLimitDecision(false, 5, 0, 1 * S, 200 * MS), "m");
        assertThat(shortWait.status()).isEqualTo(429);
        assertThat(shortWait.type()).isEqualTo("requests");
        assertThat(shortWait.code()).isEqualTo("rate_limit_exceeded");
        assertThat(shortWait.headers()).containsEntry("Retry-After", "1").containsEntry("retry-after-ms", "200")
                .containsEntry("x-ratelimit-limit-requests", "5").containsEntry("x-ratelimit-remaining-requests", "0")
                .containsEntry("x-ratelimit-reset-requests", "1s");
        assertThat(RateLimitHeaders.exceeded(new RateLimitDecision(false, 1, 0, 0, 1), "m").headers())
                .containsEntry("Retry-After", "1").containsEntry("retry-after-ms", "1");
        assertThat(RateLimitHeaders.exceeded(new RateLimitDecision(false, 1, 0, 0, 2 * S + 1), "m").headers())
                .containsEntry("Retry-After", "3").containsEntry("retry-after-ms", "2001");
    }

    @Test
    void resetIsWrittenAsOpenAiDoes() {
        assertThat(RateLimitHeaders.duration(0)).isEqualTo("0s");
        assertThat(RateLimitHeaders.duration(11 * MS + 1)).isEqualTo("12ms");
        assertThat(RateLimitHeaders.duration(999 * MS)).isEqualTo("999ms");
        assertThat(RateLimitHeaders.duration(1 * S)).isEqualTo("1s");
        assertThat(RateLimitHeaders.duration(1500 * MS)).isEqualTo("1.5s");
        assertThat(RateLimitHeaders.duration(Duration.ofMinutes(6).toNanos())).isEqualTo("6m0s");
        assertThat(RateLimitHeaders.duration(Duration.ofSeconds(3723).toNanos())).isEqualTo("1h2m3s");
    }

    @Test
    void overridesFallBackToTheDefaultsSensibly() {
        RateLimits settings = new RateLimits(true, 60, 60, RateLimits.Backend.AUTO, RateLimits.RedisFailure.OPEN,
                Duration.ofMillis(150), Duration.ofSeconds(5), "p:", Duration.ofSeconds(5),
                new RateLimits.FailedAuth(true, 20, Duration.ofMinutes(1), 4));
        assertThat(settings.resolve(null, null)).extracting(TenantLimits::rps, TenantLimits::burst).containsExactly(60, 60);
        assertThat(settings.resolve(5, null)).extracting(TenantLimits::rps, TenantLimits::burst).containsExactly(5, 5);
        assertThat(settings.resolve(null, 200)).extracting(TenantLimits::rps, TenantLimits::burst).containsExactly(60, 200);
        assertThat(settings.resolve(5, 10)).extracting(TenantLimits::rps, TenantLimits::burst).containsExactly(5, 10);
    }
}
