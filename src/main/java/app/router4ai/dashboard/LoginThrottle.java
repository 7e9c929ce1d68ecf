package app.router4ai.dashboard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins per email and client address: after {@code router.dashboard.sign-in-attempts}
 * failures within {@code sign-in-window} (counted from the first), sign-in is refused until the
 * window ends, even with the right password. Kept in memory per instance.
 */
@Component
class LoginThrottle {

    private final int maxFailures;
    private final Cache<String, AtomicInteger> failures;

    LoginThrottle(DashboardSettings settings) {
        this.maxFailures = settings.signInAttempts();
        // Expiry counts from the first failure: later ones change the counter, not the entry.
        this.failures = Caffeine.newBuilder().expireAfterWrite(settings.signInWindow()).maximumSize(100_000).build();
    }

    boolean locked(String email, String address) {
        AtomicInteger count = failures.getIfPresent(key(email, address));
        return count != null && count.get() >= maxFailures;
    }

    void failed(String email, String address) {
        failures.get(key(email, address), k -> new AtomicInteger()).incrementAndGet();
    }

    void succeeded(String email, String address) {
        failures.invalidate(key(email, address));
    }

    private static String key(String email, String address) {
        return Accounts.normalize(email) + "|" + address;
    }
}
