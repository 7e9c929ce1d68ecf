package app.router4ai.database;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code database} in /actuator/health, in place of Spring's {@code db}: the result of the last check, made off
 * the request path every {@code check-interval}, so the health endpoint answers at once even while the database
 * hangs. While the database is away the status is DEGRADED: visible, but not in Spring's status order, so the
 * overall health stays UP (200) — chat keeps serving from memory, and a load balancer must not pull the
 * instance for it. Liveness and readiness never include it.
 */
@Component
public class DatabaseHealthIndicator implements HealthIndicator, SmartLifecycle {

    static final Status DEGRADED = new Status("DEGRADED",
            "Database unavailable: chat serves known keys from memory; admin, usage and new keys answer 503");

    private final JdbcTemplate jdbc;
    private final DatabaseSettings settings;
    private volatile Thread checker;
    private volatile Instant checkStarted;
    private volatile Instant unavailableSince;
    private volatile String lastError;

    public DatabaseHealthIndicator(JdbcTemplate jdbc, DatabaseSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public Health health() {
        Instant started = checkStarted;
        Duration hanging = started == null ? Duration.ZERO : Duration.between(started, Instant.now());
        if (unavailableSince == null && hanging.compareTo(settings.timeout()) <= 0) {
            return Health.up().build();
        }
        Health.Builder health = Health.status(DEGRADED).withDetail("state", "unavailable");
        Instant since = unavailableSince != null ? unavailableSince : started;
        health.withDetail("since", since.toString());
        if (lastError != null) {
            health.withDetail("error", lastError);
        } else {
            health.withDetail("error", "no answer for " + hanging.toSeconds() + " s");
        }
        return health.build();
    }

    private void checkLoop() {
        while (checker == Thread.currentThread()) {
            checkStarted = Instant.now();
            try {
                jdbc.queryForObject("SELECT 1", Integer.class);
                unavailableSince = null;
                lastError = null;
            } catch (RuntimeException e) {
                if (unavailableSince == null) {
                    unavailableSince = checkStarted;
                }
                lastError = e.getClass().getSimpleName();
            } finally {
                checkStarted = null;
            }
            try {
                Thread.sleep(settings.checkInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void start() {
        Thread thread = Thread.ofVirtual().name("database-health").unstarted(this::checkLoop);
        checker = thread;   // before it runs: the loop lasts while it is the checker
        thread.start();
    }

    @Override
    public void stop() {
        checker = null;   // the loop ends after its pause (no interrupt: one inside a JDBC call can close H2's file)
    }

    @Override
    public boolean isRunning() {
        return checker != null;
    }
}
