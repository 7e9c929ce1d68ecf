package app.router4ai.billing.stripe;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The stripe_outbox table (rows are written by the usage ledger). Instances share it: a sender claims due rows
 * with a lease (one UPDATE), so two instances do not send the same row; if one dies mid-batch, its lease runs
 * out and another takes over — Stripe's de-duplication by identifier then absorbs a repeat.
 */
@Repository
public class MeterEventOutbox {

    /** A meter event due for delivery. */
    public record Pending(long id, String identifier, String tenantId, String stripeCustomerId, String eventName,
                          long tokens, Instant occurredAt, int attempts) {
    }

    private final JdbcTemplate jdbc;

    public MeterEventOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Pending> claim(int limit, Duration lease) {
        String token = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now());
        // The limit is an int from configuration, not input.
        jdbc.update("UPDATE stripe_outbox SET lease_token = ?, lease_until = ? WHERE id IN ("
                        + " SELECT id FROM stripe_outbox WHERE sent_at IS NULL AND next_attempt_at <= ?"
                        + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY id FETCH FIRST " + Math.max(1, limit)
                        + " ROWS ONLY) AND sent_at IS NULL AND (lease_until IS NULL OR lease_until < ?)",
                token, Timestamp.from(now.toInstant().plus(lease)), now, now, now);
        return jdbc.query("SELECT id, identifier, tenant_id, stripe_customer_id, event_name, token_count, occurred_at, attempts"
                        + " FROM stripe_outbox WHERE lease_token = ? AND sent_at IS NULL ORDER BY id",
                (rs, n) -> new Pending(rs.getLong("id"), rs.getString("identifier"), rs.getString("tenant_id"),
                        rs.getString("stripe_customer_id"), rs.getString("event_name"), rs.getLong("token_count"),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getInt("attempts")), token);
    }

    public void sent(List<Long> ids) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("UPDATE stripe_outbox SET sent_at = ?, attempts = attempts + 1, lease_token = NULL, lease_until = NULL,"
                + " last_error = NULL WHERE id = ?", ids.stream().map(id -> new Object[] {now, id}).toList());
    }

    public void retryLater(Pending event, Instant next, String error) {
        jdbc.update("UPDATE stripe_outbox SET attempts = attempts + 1, next_attempt_at = ?, lease_token = NULL,"
                        + " lease_until = NULL, last_error = ? WHERE id = ?",
                Timestamp.from(next), error == null ? null : error.substring(0, Math.min(500, error.length())), event.id());
    }

    /** Claimed but not tried (Stripe went down mid-batch): due again at once. */
    public void release(List<Long> ids) {
        jdbc.batchUpdate("UPDATE stripe_outbox SET lease_token = NULL, lease_until = NULL WHERE id = ?",
                ids.stream().map(id -> new Object[] {id}).toList());
    }

    public long unsent() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM stripe_outbox WHERE sent_at IS NULL", Long.class);
    }
}
