package app.router4ai.requestlog;

import app.router4ai.call.ApiCall;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every finished API request of a known tenant that was not billed (refused, failed) for the dashboard's
 * request log: queued on the request path (no I/O there), written in one batch per flush interval. A billed request's
 * log line is its ledger row ({@link RequestTrace}); {@link RequestLogSearch} reads both. A failed write here is
 * logged and dropped: the log is a window for operators, the usage ledger is the record that bills.
 */
@Component
public class RequestLogWriter {

    private static final Logger log = LoggerFactory.getLogger(RequestLogWriter.class);
    private static final int MAX_QUEUED = 100_000;
    private static final String INSERT = """
            INSERT INTO request_log (request_id, tenant_id, key_id, created_at, surface, model, answering_model, provider,
              tier, status, failover_count, cache_hit, stream, latency_ms, ttft_ms, prompt_tokens, completion_tokens,
              cost_cents, trace_id, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    // bounded: offer() refuses past the bound in O(1) (a ConcurrentLinkedQueue's size() walks the whole queue)
    private final LinkedBlockingQueue<RequestLogEntry> queue = new LinkedBlockingQueue<>(MAX_QUEUED);

    RequestLogWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A request ended with this status (its tenant known: refusals before the key was read are not kept). A billed
     * request is not written here: its ledger row is its log line (see {@link RequestTrace}).
     */
    public void record(ApiCall call, int status, long latencyMs) {
        if (call.caller() == null || call.billingQueued()) {
            return;
        }
        RequestTrace trace = RequestTrace.of(call, status);
        queue.offer(new RequestLogEntry(call.requestId(), call.caller().tenantId(), call.caller().keyId(), Instant.now(),
                call.surface().name().toLowerCase(Locale.ROOT), call.requestedModel(), call.answeringModel(),
                call.deployment() != null ? call.deployment().providerName() : null,
                call.deployment() != null ? call.deployment().tier() : null, status, call.failoverCount(), call.cacheHit(),
                call.stream(), latencyMs, trace.ttftMs(), call.usage().promptTokens(),
                call.usage().completionTokens(), call.costCents(), trace.traceId(), trace.attempts()));
    }

    @Scheduled(fixedDelayString = "${router.request-log.flush-interval:200ms}")
    @PreDestroy
    public void flush() {
        List<RequestLogEntry> entries = new ArrayList<>();
        queue.drainTo(entries);
        List<Object[]> batch = new ArrayList<>(entries.size());
        for (RequestLogEntry entry : entries) {
            batch.add(args(entry));
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            jdbc.batchUpdate(INSERT, batch);
        } catch (RuntimeException e) {
            log.warn("Request log: {} row(s) not written ({})", batch.size(), e.getMessage());
        }
    }

    private Object[] args(RequestLogEntry e) {
        return new Object[] {e.requestId(), e.tenantId(), e.keyId(), Timestamp.from(e.createdAt()), e.surface(),
                e.model(), e.answeringModel(), e.provider(), e.tier(), e.status(), e.failoverCount(), e.cacheHit(),
                e.stream(), e.latencyMs(), e.ttftMs(), e.promptTokens(), e.completionTokens(), e.costCents(),
                e.traceId(), new RequestTrace(e.ttftMs(), e.traceId(), e.attempts()).attemptsJson()};
    }
}
