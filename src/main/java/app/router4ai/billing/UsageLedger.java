package app.router4ai.billing;

import java.sql.SQLException;
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
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes usage rows behind the response, in batches (one transaction per batch), never on the request path.
 * A paid tenant's row carries a Stripe meter event, written to the outbox in the same transaction, so a
 * usage row and its meter event exist together or not at all; so do the rows and the tenants' running totals
 * ({@code usage_totals}, what {@link TrialBalance} reads).
 *
 * <p>Lossless: the queue is unbounded (a burst costs memory, never rows). A batch that fails for a reason a
 * retry can fix (no connection, a timeout, a deadlock) stays in hand and is retried with backoff; duplicate
 * request ids are ignored, so a retried batch never counts a row twice. A batch the database refuses for its
 * data (a value too long or out of range, a NUL, a constraint) is split in halves until the good rows land;
 * a row refused on its own goes to {@link UsageDeadLetters}, so one bad row never holds up the others.
 * Shutdown order: the web server drains requests (phase MAX-1024), Camel stops (MAX-2049), then this
 * (MIN+1000): it first waits for open streams to be billed, then drains the queue. A row recorded after that
 * (a straggler) is written on the caller's thread; rows the database cannot take at shutdown go to the
 * dead-letter file. An abrupt kill (SIGKILL, power loss) loses what was queued and not yet committed.
 */
@Component
public class UsageLedger implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);
    private static final String INSERT = """
            INSERT INTO usage_records (request_id, tenant_id, key_id, requested_model, answering_model, provider, tier,
              prompt_tokens, completion_tokens, cached_tokens, cache_write_tokens, cost_cents, latency_ms, failover_count,
              cache_hit, stream, created_at, surface, usage_estimated, ttft_ms, trace_id, attempts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_METER = """
            INSERT INTO stripe_outbox (identifier, tenant_id, stripe_customer_id, event_name, token_count, occurred_at,
              attempts, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?)""";
    private static final String ADD_TO_TOTAL = "UPDATE usage_totals SET tokens = tokens + ? WHERE tenant_id = ?";
    private static final String NEW_TOTAL = "INSERT INTO usage_totals (tenant_id, tokens) VALUES (?, ?)";

    /**
     * A usage row, and the meter event to report to Stripe with it (null for a tenant not billed by Stripe);
     * {@code queuedNanos}: when it was accepted ({@link System#nanoTime()}).
     */
    record Entry(UsageRow row, MeterEvent meter, long queuedNanos) {
    }

    private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Settings settings;
    private final TrialBalance balance;
    private final OpenStreams openStreams;
    private final SpendBook spend;
    private final SpendTotals spendTotals;
    private final UsageDeadLetters deadLetters;
    private volatile boolean running;
    private volatile boolean stopped;
    private volatile boolean giveUp;
    private final Object wakeUp = new Object();
    /** How long a batch's commit takes lately (moving average): the writer starts that much before the deadline. */
    private volatile long commitNanos;
    private Thread writer;

    public UsageLedger(JdbcTemplate jdbc, TransactionTemplate tx, Settings settings, TrialBalance balance,
                       OpenStreams openStreams, SpendBook spend, SpendTotals spendTotals,
                       UsageDeadLetters deadLetters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = settings;
        this.balance = balance;
        this.openStreams = openStreams;
        this.spend = spend;
        this.spendTotals = spendTotals;
        this.deadLetters = deadLetters;
    }

    public void record(UsageRow row) {
        record(row, null);
    }

    public void record(UsageRow row, MeterEvent meter) {
        queue.add(new Entry(row, meter, System.nanoTime()));
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
        join(settings.drainTimeout());
        giveUp = true;
        stopped = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();   // out of a retry's backoff: the batch in hand comes back for the last drain
        }
        join(Duration.ofSeconds(1));
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
                    long gatherMs = gatherMillis(first);
                    if (running && gatherMs > 0 && queue.size() < settings.batchSize() - 1) {
                        // Let the batch gather: under steady traffic one transaction per interval instead of one per
                        // row (the profile showed H2 commits of one or two rows each).
                        sleepQuietly(gatherMs);
                    }
                    queue.drainTo(batch, settings.batchSize() - 1);
                }
                long writeStart = System.nanoTime();
                long oldest = batch.getFirst().queuedNanos();
                int size = batch.size();
                writeOrSetAside(batch);
                long done = System.nanoTime();
                commitNanos = (3 * commitNanos + done - writeStart) / 4;
                if (log.isDebugEnabled()) {   // what bench/sigkill.sh reads: how long rows stay uncommitted
                    log.debug("Committed {} usage rows in {} ms; the oldest was accepted {} ms before", size,
                            (done - writeStart) / 1_000_000, (done - oldest) / 1_000_000);
                }
                backoffMs = settings.retryBackoff().toMillis();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.warn("Writing {} usage rows failed, retrying in {} ms: {}", batch.size(), backoffMs, reason(e));
                sleepQuietly(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
        queue.addAll(batch); // left for the final drain (given up on during shutdown)
        if (stopped) {
            drainOnCallerThread();   // the final drain ran while this batch was still in hand
        }
    }

    /**
     * How long the batch that starts with {@code first} may still gather so that its oldest row is committed within
     * one flush interval of being accepted: the interval, less what the row already waited (behind the previous
     * commit), less what a commit takes lately. This, not a fixed pause after the first row, is what bounds the rows
     * an abrupt kill can lose to about one flush interval.
     */
    private long gatherMillis(Entry first) {
        long left = first.queuedNanos() + settings.flushInterval().toNanos() - commitNanos - System.nanoTime();
        return left / 1_000_000;
    }

    /** After stop: whatever is still queued, written here and now (a last try; logged if it fails). */
    private synchronized void drainOnCallerThread() {
        List<Entry> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (rest.isEmpty()) {
            return;
        }
        try {
            writeOrSetAside(rest);
        } catch (RuntimeException e) {
            // The database is away at shutdown: the rows go to the dead-letter file, to be inserted later.
            balance.commit(() -> deadLetters.toFile(rest, "shutdown while the database failed: " + reason(e)), rows(rest));
        }
    }

    /**
     * Writes the batch, removing what is done from it. A batch refused for its data is written in halves, down
     * to single rows; a single row refused goes to the dead letters. A failure a retry may fix is thrown, with
     * {@code batch} holding only the rows still to write.
     */
    private void writeOrSetAside(List<Entry> batch) {
        try {
            write(batch);
            batch.clear();
        } catch (RuntimeException e) {
            if (!refusedForGood(e)) {
                throw e;
            }
            if (batch.size() == 1) {
                deadLetter(batch.getFirst(), reason(e));
                batch.clear();
                return;
            }
            log.warn("The database refused a batch of {} usage rows ({}): writing it in parts", batch.size(), reason(e));
            List<Entry> first = new ArrayList<>(batch.subList(0, batch.size() / 2));
            List<Entry> second = new ArrayList<>(batch.subList(batch.size() / 2, batch.size()));
            try {
                writeOrSetAside(first);
                writeOrSetAside(second);
            } finally {
                batch.clear();
                batch.addAll(first);
                batch.addAll(second);
            }
        }
    }

    /**
     * A row no retry will write: into the dead-letter table with its tokens and spend still counted; without the
     * spend when the spend totals refuse it too (a cost no column holds); else into the dead-letter file.
     */
    private void deadLetter(Entry entry, String reason) {
        List<UsageRow> row = List.of(entry.row());
        try {
            balance.commit(() -> spend.commit(() -> tx.executeWithoutResult(status -> {
                deadLetters.insert(entry, reason);
                addToTotals(row);
                spendTotals.add(row);
            }), row), row);
            deadLetters.inserted(entry, reason);
        } catch (RuntimeException counted) {
            try {
                balance.commit(() -> tx.executeWithoutResult(status -> {
                    deadLetters.insert(entry, reason);
                    addToTotals(row);   // its tokens still count against the trial; its cost is what no total holds
                }), row);
                deadLetters.inserted(entry, reason + " (not counted in the spend totals: " + reason(counted) + ")");
            } catch (RuntimeException e) {
                balance.commit(() -> deadLetters.toFile(List.of(entry), reason + "; the dead-letter table failed too: " + reason(e)), row);
            }
        }
    }

    /**
     * Whether the database refused the rows for what they hold (a retry would fail the same way): a data or
     * integrity error (SQLSTATE classes 22 and 23), or a row our own code could not bind. Lost connections,
     * timeouts, deadlocks and the like are worth retrying.
     */
    static boolean refusedForGood(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataIntegrityViolationException) {
                return true;
            }
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof TransactionException) {
                return false;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
                String sqlClass = sql.getSQLState().substring(0, 2);
                return sqlClass.equals("22") || sqlClass.equals("23");
            }
        }
        return !(failure instanceof DataAccessException);
    }

    /** The innermost message, one line and short: what an operator needs, without the SQL or a stack trace. */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        message = message.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return message.length() <= 300 ? message : message.substring(0, 300) + "…";
    }

    private static List<UsageRow> rows(List<Entry> entries) {
        return entries.stream().map(Entry::row).toList();
    }

    private void write(List<Entry> batch) {
        List<UsageRow> rows = rows(batch);
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
                r.failoverCount(), r.cacheHit(), r.stream(), Timestamp.from(r.createdAt()), r.surface(), r.usageEstimated(),
                r.trace() != null ? r.trace().ttftMs() : null, r.trace() != null ? r.trace().traceId() : null,
                r.trace() != null ? r.trace().attemptsJson() : null};
    }

    private static Object[] meterArgs(MeterEvent m) {
        return new Object[] {m.identifier(), m.tenantId(), m.stripeCustomerId(), m.eventName(), m.tokens(),
                Timestamp.from(m.occurredAt()), Timestamp.from(Instant.now())};
    }

    /** Waits, unless shutdown gives up on retries first. */
    private void sleepQuietly(long ms) {
        synchronized (wakeUp) {
            try {
                if (!giveUp) {
                    wakeUp.wait(ms);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void join(Duration timeout) {
        try {
            writer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param batchSize     most rows per transaction
     * @param flushInterval how soon after its answer a row is committed (plus a commit's time; what an abrupt kill can lose)
     * @param drainTimeout  at shutdown: how long to wait for open streams, then for the queue to drain
     * @param retryBackoff  first wait after a failed batch (doubling up to 5 s)
     * @param deadLetterFile where rows go that neither the ledger nor its dead-letter table would take (JSON lines)
     */
    @ConfigurationProperties("router.ledger")
    public record Settings(@DefaultValue("500") int batchSize, @DefaultValue("200ms") Duration flushInterval,
                           @DefaultValue("30s") Duration drainTimeout, @DefaultValue("100ms") Duration retryBackoff,
                           @DefaultValue("./data/usage-dead-letters.jsonl") String deadLetterFile) {
    }
}
