package app.router4ai.ratelimit;

import app.router4ai.api.ApiError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Slows down key guessing, and bounds the Argon2 work one client address can cause: at most
 * {@code max-failures} failed authentications per {@code window} from one address (GCRA, so the allowance
 * comes back gradually), and at most {@code max-concurrent-checks} key verifications from it at once.
 * A verification takes its failure from the allowance before Argon2 runs and gives it back when the key
 * was good: many guesses sent at once cannot run more verifications than the allowance, and a client's
 * fresh keys cost it nothing. Once spent, every attempt from that address gets a 429 before any key
 * lookup or Argon2 verification, valid key or not. Per instance on purpose: it protects this instance's
 * CPU and memory, and needs no Redis round trip.
 */
@Component
public class FailedAuthLimiter {

    private final RateLimits.FailedAuth settings;
    private final LocalGcra failures;
    private final long intervalNanos;
    private final Map<String, Integer> checking = new ConcurrentHashMap<>();
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
            throw refused(next, "too many requests with an invalid API key from your address");
        }
        return address;
    }

    /** A failed authentication that ran no verification (no key, or not shaped like one). */
    public void failed(String address) {
        if (settings.enabled()) {
            failures.acquire(address, intervalNanos, settings.maxFailures());
        }
    }

    /**
     * Before an Argon2 verification for {@code address}: one failure taken from its allowance and one of its
     * concurrent checks, or the 429. Close it when the verification is done; {@link KeyCheck#passed()} first
     * when the key was good.
     */
    public KeyCheck startCheck(String address) {
        if (!settings.enabled()) {
            return new KeyCheck(null);
        }
        RateLimitDecision taken = failures.acquire(address, intervalNanos, settings.maxFailures());
        if (!taken.allowed()) {
            throw refused(taken, "too many requests with an invalid API key from your address");
        }
        boolean[] admitted = {false};
        checking.compute(address, (a, running) -> {
            int now = running == null ? 0 : running;
            admitted[0] = now < settings.maxConcurrentChecks();
            return admitted[0] ? now + 1 : running;
        });
        if (!admitted[0]) {
            failures.release(address, intervalNanos);
            long second = 1_000_000_000L;   // a verification takes a fraction of that
            throw refused(new RateLimitDecision(false, settings.maxFailures(), 0, second, second),
                    "too many API keys checked at once from your address");
        }
        return new KeyCheck(address);
    }

    private ApiError refused(RateLimitDecision decision, String why) {
        rejected.increment();
        return RateLimitHeaders.exceeded(decision, "Rate limit exceeded (failed authentication): " + why + ". Retry after "
                + RateLimitHeaders.duration(decision.retryAfterNanos()) + ".");
    }

    /** One key verification in progress for an address. */
    public final class KeyCheck implements AutoCloseable {

        private final String address;
        private boolean passed;

        private KeyCheck(String address) {
            this.address = address;
        }

        /** The key was good: its failure goes back to the allowance. */
        public void passed() {
            passed = true;
        }

        @Override
        public void close() {
            if (address == null) {
                return;
            }
            if (passed) {
                failures.release(address, intervalNanos);
            }
            checking.computeIfPresent(address, (a, running) -> running > 1 ? running - 1 : null);
        }
    }
}
