package app.router4ai.billing;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import app.router4ai.budget.SpendBook;
import app.router4ai.budget.SpendTotals;
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
 * Writes usage rows behind the response, in batches (one transaction per batch), never on the request path.
 * A paid tenant's row carries a Stripe meter event, written to the outbox in the same transaction, so a
 * usage row and its meter event exist together or not at all; so do the rows and the tenants' running totals
 * ({@code usage_totals}, what {@link TrialBalance} reads).
 *
 * <p>Lossless: the queue is unbounded (a burst costs memory, never rows); a failed batch stays in hand and
 * is retried with backoff; duplicate request ids are ignored, so a retried batch never counts a row twice.
 * Shutdown order: the web server drains requests (phase MAX-1024), Camel stops (MAX-2049), then this
 * (MIN+1000): it first waits for open streams to be billed, then drains the queue. A row recorded after that
 * (a straggler) is written on the caller's thread. An abrupt kill (SIGKILL, power loss) loses what was
 * queued and not yet committed: at most one flush interval of rows ({@code router.ledger.flush-interval},
 * 200 ms) plus any batch being retried during a database outage.
 */
@Component
public class UsageLedger implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);
    private static final String INSERT = """
            INSERT INTO usage_records (request_id, tenant_id, key_id, requested_model, answering_model, provider, tier,
              prompt_tokens, completion_tokens, cached_tokens, cache_write_tokens, cost_cents, latency_ms, failover_count,
              cache_hit, stream, created_at, surface)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_METER = """
            INSERT INTO stripe_outbox (identifier, tenant_id, stripe_customer_id, event_name, token_count, occurred_at,
              attempts, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?)""";
    private static final String ADD_TO_TOTAL = "UPDATE usage_totals SET tokens = tokens + ? WHERE tenant_id = ?";
    private static final String NEW_TOTAL = "INSERT INTO usage_totals (tenant_id, tokens) VALUES (?, ?)";

    /** A usage row, and the meter event to report to Stripe with it (null for a tenant not billed by Stripe). */
    record Entry(UsageRow row, MeterEvent meter) {
    }

    private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Settings settings;
    private final TrialBalance balance;
    private final OpenStreams openStreams;
    private final SpendBook spend;
    private final SpendTotals spendTotals;
    private volatile boolean running;
    private volatile boolean stopped;
    private volatile boolean giveUp;
    private Thread writer;

    public UsageLedger(JdbcTemplate jdbc, TransactionTemplate tx, Settings settings, TrialBalance balance,
                       OpenStreams openStreams, SpendBook spend, SpendTotals spendTotals) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = settings;
        this.balance = balance;
        this.openStreams = openStreams;
        this.spend = spend;
        this.spendTotals = spendTotals;
    }

    public void record(UsageRow row) {
        record(row, null);
    }

    public void record(UsageRow row, MeterEvent meter) {
        queue.add(new Entry(row, meter));
        if (stopped) {
            drainOnCallerThread();
        }
    }

    /** Rows accepted but not yet written. */
    public int backlog() {
        return queue.size();
    }

    @Override
    public void start() {
        stopped = false;
        giveUp = false;
        running = true;
        writer = Thread.ofPlatform().name("usage-ledger").daemon(false).start(this::writeLoop);
    }

    @Override
    public void stop() {
        // Not interrupted: an interrupt inside a JDBC call can close H2's file channel (and lose the batch).
        if (!openStreams.awaitNone(settings.drainTimeout())) {
            log.error("{} streams still open after {}: their rows are written when they end, if the database is still up",
                    openStreams.count(), settings.drainTimeout());
        }
        running = false;
        try {
            writer.join(settings.drainTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        giveUp = true;
        stopped = true;
        drainOnCallerThread();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server and the routes (higher phases stop first): the last rows they produce still land. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void writeLoop() {
        List<Entry> batch = new ArrayList<>(settings.batchSize());
        long backoffMs = settings.retryBackoff().toMillis();
        while ((running || !queue.isEmpty() || !batch.isEmpty()) && !giveUp) {
            try {
                if (batch.isEmpty()) {
                    Entry first = running ? queue.poll(settings.flushInterval().toMillis(), TimeUnit.MILLISECONDS) : queue.poll();
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    if (running && queue.size() < settings.batchSize() - 1) {
                        // Let the batch gather for one flush interval: under steady traffic one transaction per
                        // interval instead of one per row (the profile showed H2 commits of one or two rows each).
                        sleepQuietly(settings.flushInterval().toMillis());
                    }
                    queue.drainTo(batch, settings.batchSize() - 1);
                }
                write(batch);
                batch.clear();
                backoffMs = settings.retryBackoff().toMillis();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.warn("Writing {} usage rows failed, retrying in {} ms: {}", batch.size(), backoffMs, e.getMessage());
                sleepQuietly(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
        queue.addAll(batch); // left for the final drain (given up on during shutdown)
    }

    /** After stop: whatever is still queued, written here and now (a last try; logged if it fails). */
    private synchronized void drainOnCallerThread() {
        List<Entry> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (rest.isEmpty()) {
            return;
        }
        try {
            write(rest);
        } catch (RuntimeException e) {
            log.error("Stopped with {} usage rows not written ({}): {}", rest.size(), e.getMessage(),
                    rest.stream().map(entry -> entry.row().toString()).toList());
        }
    }

    private void write(List<Entry> batch) {
        List<UsageRow> rows = batch.stream().map(Entry::row).toList();
        try {
            balance.commit(() -> spend.commit(() -> tx.executeWithoutResult(status -> {
                jdbc.batchUpdate(INSERT, rows.stream().map(UsageLedger::args).toList());
                List<Object[]> meters = batch.stream().filter(e -> e.meter() != null).map(e -> meterArgs(e.meter())).toList();
                if (!meters.isEmpty()) {
                    jdbc.batchUpdate(INSERT_METER, meters);
                }
                addToTotals(rows);
                spendTotals.add(rows);
            }), rows), rows);
        } catch (DuplicateKeyException e) {
            // A retried batch whose first commit did land (or another instance created a tenant's total first):
            // write only the rows that are missing, and count only those.
            balance.commit(() -> spend.commit(() -> tx.executeWithoutResult(status -> {
                List<Entry> missing = batch.stream()
                        .filter(entry -> jdbc.queryForObject("SELECT COUNT(*) FROM usage_records WHERE request_id = ?",
                                Integer.class, entry.row().requestId()) == 0)
                        .toList();
                for (Entry entry : missing) {
                    jdbc.update(INSERT, args(entry.row()));
                    if (entry.meter() != null) {
                        jdbc.update(INSERT_METER, meterArgs(entry.meter()));
                    }
                }
                addToTotals(missing.stream().map(Entry::row).toList());
                spendTotals.add(missing.stream().map(Entry::row).toList());
            }), rows), rows);
        }
    }

    /** Adds the rows' tokens to their tenants' all-time totals (what {@link TrialBalance} reads). */
    private void addToTotals(List<UsageRow> rows) {
        Map<String, Long> byTenant = new TreeMap<>(); // one order for every instance: no deadlock between two batches
        rows.forEach(row -> byTenant.merge(row.tenantId(), TrialBalance.tokens(row), Long::sum));
        List<Object[]> adds = byTenant.entrySet().stream().map(e -> new Object[] {e.getValue(), e.getKey()}).toList();
        if (adds.isEmpty()) {
            return;
        }
        int[] updated = jdbc.batchUpdate(ADD_TO_TOTAL, adds);
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                jdbc.update(NEW_TOTAL, adds.get(i)[1], adds.get(i)[0]);
            }
        }
    }

    private static Object[] args(UsageRow r) {
        return new Object[] {r.requestId(), r.tenantId(), r.keyId(), r.requestedModel(), r.answeringModel(), r.provider(),
                r.tier(), r.promptTokens(), r.completionTokens(), r.cachedTokens(), r.cacheWriteTokens(), r.costCents(), r.latencyMs(),
                r.failoverCount(), r.cacheHit(), r.stream(), Timestamp.from(r.createdAt()), r.surface()};
    }

    private static Object[] meterArgs(MeterEvent m) {
        return new Object[] {m.identifier(), m.tenantId(), m.stripeCustomerId(), m.eventName(), m.tokens(),
                Timestamp.from(m.occurredAt()), Timestamp.from(Instant.now())};
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param batchSize     most rows per transaction
     * @param flushInterval longest a row waits for its batch when traffic is light (and what an abrupt kill can lose)
     * @param drainTimeout  at shutdown: how long to wait for open streams, then for the queue to drain
     * @param retryBackoff  first wait after a failed batch (doubling up to 5 s)
     */
    @ConfigurationProperties("router.ledger")
    public record Settings(@DefaultValue("500") int batchSize, @DefaultValue("200ms") Duration flushInterval,
                           @DefaultValue("30s") Duration drainTimeout, @DefaultValue("100ms") Duration retryBackoff) {
    }
}
