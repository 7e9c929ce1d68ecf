package app.router4ai.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a request waits for the database before it is answered 503 (admin API, {@code /v1/usage}, a key's
 * first use, dashboard pages); chat with a known key never waits for it.
 *
 * @param timeout       longest wait for a pooled connection (Hikari's connection-timeout) and for one statement
 *                      (JDBC query timeout); on PostgreSQL also the socket's read timeout (plus one second), which is
 *                      what ends a wait on a database that stopped answering without closing the connection
 * @param retryAfter    the {@code Retry-After} of the 503 a request gets when the database did not answer in time
 * @param checkInterval how often the {@code database} health component asks the database (off the request path)
 */
@ConfigurationProperties("router.database")
public record DatabaseSettings(@DefaultValue("5s") Duration timeout, @DefaultValue("5s") Duration retryAfter,
                               @DefaultValue("5s") Duration checkInterval) {

    /** Whole seconds, at least one (JDBC's query timeout and PostgreSQL's socket timeout count seconds). */
    public int timeoutSeconds() {
        return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }
}
