package app.router4ai.billing;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes usage rows behind the response, in batches (one transaction per batch), never on the request
 * path. A failed batch stays queued and is retried; stopping drains the queue first. An abrupt kill
 * loses at most what was queued in the last batch window ({@code router.ledger.flush-interval}).
 * Duplicate request ids are ignored by the unique key, so a retried batch never counts a row twice.
 */
@Component
public class UsageLedger implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);
    private static final String INSERT = """
            INSERT INTO usage_records (request_id, tenant_id, key_id, requested_model, answering_model, provider, tier,
              prompt_tokens, completion_tokens, cached_tokens, cost_cents, latency_ms, failover_count, cache_hit, stream,
              created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final LinkedBlockingQueue<UsageRow> queue = new LinkedBlockingQueue<>();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Settings settings;
    private volatile boolean running;
    private Thread writer;

    public UsageLedger(JdbcTemplate jdbc, TransactionTemplate tx, Settings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = settings;
    }

    public void record(UsageRow row) {
        queue.add(row);
    }

    /** Rows accepted but not yet written. */
    public int backlog() {
        return queue.size();
    }

    @Override
    public void start() {
        running = true;
        writer = Thread.ofPlatform().name("usage-ledger").daemon(false).start(this::writeLoop);
    }

    @Override
    public void stop() {
        running = false;
        writer.interrupt();
        try {
            writer.join(settings.drainTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            log.error("Stopped with {} usage rows not written", queue.size());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the routes (which stop at a higher phase): the last rows they produce still land. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void writeLoop() {
        List<UsageRow> batch = new ArrayList<>(settings.batchSize());
        long backoffMs = 100;
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    UsageRow first = running ? queue.poll(settings.flushInterval().toMillis(), TimeUnit.MILLISECONDS) : queue.poll();
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, settings.batchSize() - 1);
                }
                write(batch);
                batch.clear();
                backoffMs = 100;
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException e) {
                log.warn("Writing {} usage rows failed, retrying in {} ms: {}", batch.size(), backoffMs, e.getMessage());
                sleepQuietly(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
    }

    private void write(List<UsageRow> batch) {
        try {
            tx.executeWithoutResult(status -> jdbc.batchUpdate(INSERT, batch.stream().map(UsageLedger::args).toList()));
        } catch (DuplicateKeyException e) {
            // A retried batch whose first commit did land: write only the rows that are missing.
            tx.executeWithoutResult(status -> batch.stream()
                    .filter(row -> jdbc.queryForObject("SELECT COUNT(*) FROM usage_records WHERE request_id = ?",
                            Integer.class, row.requestId()) == 0)
                    .forEach(row -> jdbc.update(INSERT, args(row))));
        }
    }

    private static Object[] args(UsageRow r) {
        return new Object[] {r.requestId(), r.tenantId(), r.keyId(), r.requestedModel(), r.answeringModel(), r.provider(),
                r.tier(), r.promptTokens(), r.completionTokens(), r.cachedTokens(), r.costCents(), r.latencyMs(),
                r.failoverCount(), r.cacheHit(), r.stream(), Timestamp.from(r.createdAt())};
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ConfigurationProperties("router.ledger")
    public record Settings(@DefaultValue("500") int batchSize, @DefaultValue("200ms") java.time.Duration flushInterval,
                           @DefaultValue("30s") java.time.Duration drainTimeout) {
    }
}
