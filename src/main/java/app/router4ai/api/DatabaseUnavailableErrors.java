package app.router4ai.api;

import app.router4ai.database.DatabaseSettings;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The answer to a request that needed the database while it did not answer in time: 503
 * {@code database_unavailable} with {@code Retry-After} (529 {@code overloaded_error} on {@code /v1/messages},
 * as Anthropic's clients read it). Logged as one WARN line per ten seconds with how many requests it refused,
 * not a stack trace per request.
 */
@Component
public class DatabaseUnavailableErrors {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableErrors.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final DatabaseSettings settings;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final AtomicLong refused = new AtomicLong();

    public DatabaseUnavailableErrors(DatabaseSettings settings) {
        this.settings = settings;
    }

    public ApiError error(Throwable cause) {
        long count = refused.incrementAndGet();
        long last = lastLogged.get();
        long now = System.nanoTime();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            refused.set(0);
            log.warn("The database did not answer within {} ({}): {} requests that needed it answered 503", settings.timeout(),
                    cause.getClass().getSimpleName(), count);
        }
        long retryAfter = Math.max(1, (settings.retryAfter().toMillis() + 999) / 1000);
        return new ApiError(503, "server_error", "database_unavailable", null,
                "The router's database is not answering; this request needs it. Retry after " + retryAfter + " s.",
                Map.of(Headers.RETRY_AFTER, Long.toString(retryAfter)));
    }
}
