package app.router4ai.ratelimit;

import app.router4ai.api.ApiError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Slows down key guessing: at most {@code max-failures} failed authentications per {@code window}
 * from one client address (GCRA, so the allowance comes back gradually). Once spent, every attempt
 * from that address gets a 429 before any key lookup or Argon2 verification, valid key or not.
 * Per instance on purpose: it protects this instance's CPU, and needs no Redis round trip.
 */
@Component
public class FailedAuthLimiter {

    private final RateLimits.FailedAuth settings;
    private final LocalGcra failures;
    private final long intervalNanos;
    private final Counter rejected;

    public FailedAuthLimiter(RateLimits settings, MeterRegistry meters) {
        this.settings = settings.failedAuth();
        this.intervalNanos = Math.max(1, this.settings.window().toNanos() / this.settings.maxFailures());
        // Bounded, so a flood of spoofed or rotating addresses cannot grow it without limit.
        this.failures = new LocalGcra(this.settings.window(), 100_000);
        this.rejected = Counter.builder("router.ratelimit.rejected").tag("limit", "failed_auth")
                .description("Authentication attempts refused because their address failed too often").register(meters);
    }

    /** The client address of this request; throws the 429 when that address has no failures left. */
    public String admit(Exchange exchange) {
        String address = ClientAddress.of(exchange);
        if (!settings.enabled()) {
            return address;
        }
        RateLimitDecision next = failures.peek(address, intervalNanos, settings.maxFailures());
        if (!next.allowed()) {
            rejected.increment();
            throw RateLimitHeaders.exceeded(next, "Rate limit exceeded (failed authentication): too many requests with"
                    + " an invalid API key from your address. Retry after "
                    + RateLimitHeaders.duration(next.retryAfterNanos()) + ".");
        }
        return address;
    }

    public void failed(String address) {
        if (settings.enabled()) {
            failures.acquire(address, intervalNanos, settings.maxFailures());
        }
    }
}
