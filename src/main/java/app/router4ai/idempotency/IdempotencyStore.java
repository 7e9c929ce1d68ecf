package app.router4ai.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The idempotent_requests table: one row per workspace and key, claimed ("pending") by the first request, then
 * holding its answer ("done"). The primary key makes the claim atomic across instances.
 */
@Repository
public class IdempotencyStore {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);

    /** What the table holds for a key: its request's hash, whether it is answered, and the answer. */
    public record Entry(String requestHash, boolean done, String contentType, String answer, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;
    private final IdempotencySettings settings;

    public IdempotencyStore(JdbcTemplate jdbc, IdempotencySettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /**
     * Claims the key for this request: null when claimed, else what holds it. An entry past its time to live, or
     * a claim abandoned by an instance that died, is taken over.
     */
    public Entry claim(String tenantId, String key, String requestHash, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                jdbc.update("INSERT INTO idempotent_requests (tenant_id, idem_key, request_hash, state, created_at)"
                        + " VALUES (?, ?, ?, 'pending', ?)", tenantId, key, requestHash, Timestamp.from(now));
                return null;
            } catch (DuplicateKeyException held) {
                Entry entry = find(tenantId, key);
                if (entry == null) {
                    continue;   // released meanwhile: try again
                }
                boolean stale = entry.createdAt().isBefore(now.minus(entry.done() ? settings.ttl() : settings.abandonedAfter()));
                if (!stale) {
                    return entry;
                }
                jdbc.update("DELETE FROM idempotent_requests WHERE tenant_id = ? AND idem_key = ? AND created_at = ?",
                        tenantId, key, Timestamp.from(entry.createdAt()));
            }
        }
        throw new IllegalStateException("Idempotency key " + key + " kept changing hands");
    }

    public void complete(String tenantId, String key, String contentType, String answer) {
        jdbc.update("UPDATE idempotent_requests SET state = 'done', content_type = ?, answer = ? WHERE tenant_id = ?"
                + " AND idem_key = ? AND state = 'pending'", contentType, answer, tenantId, key);
    }

    /** The request failed: its key is free again, so a retry is a new attempt. */
    public void release(String tenantId, String key) {
        jdbc.update("DELETE FROM idempotent_requests WHERE tenant_id = ? AND idem_key = ? AND state = 'pending'", tenantId, key);
    }

    private Entry find(String tenantId, String key) {
        List<Entry> found = jdbc.query("SELECT request_hash, state, content_type, answer, created_at FROM idempotent_requests"
                        + " WHERE tenant_id = ? AND idem_key = ?",
                (rs, n) -> new Entry(rs.getString(1), "done".equals(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), tenantId, key);
        return found.isEmpty() ? null : found.getFirst();
    }

    @Scheduled(fixedDelayString = "${router.idempotency.purge-interval:1h}")
    public void purge() {
        try {
            jdbc.update("DELETE FROM idempotent_requests WHERE created_at < ?", Timestamp.from(Instant.now().minus(settings.ttl())));
        } catch (RuntimeException e) {
            // a database outage must not surface as Spring's "Unexpected error" stack trace; the next pass purges
            log.warn("Purging expired idempotency keys failed (retried next interval): {}", e.getMessage());
        }
    }
}
