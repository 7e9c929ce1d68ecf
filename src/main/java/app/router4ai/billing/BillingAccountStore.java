package app.router4ai.billing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The tenant_billing table. A tenant's row is created on first use, starting its trial at the tenant's creation. */
@Repository
public class BillingAccountStore {

    private static final String COLUMNS = "tenant_id, plan, trial_started_at, trial_ends_at, trial_tokens, stripe_customer_id,"
            + " subscription_id, subscription_status, current_period_end, cancel_at_period_end";

    private final JdbcTemplate jdbc;
    private final BillingSettings settings;

    public BillingAccountStore(JdbcTemplate jdbc, BillingSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public Optional<BillingAccount> find(String tenantId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM tenant_billing WHERE tenant_id = ?", BillingAccountStore::map, tenantId)
                .stream().findFirst();
    }

    /** The tenant's account, creating it (on the trial) if there is none yet; empty when the tenant does not exist. */
    public Optional<BillingAccount> findOrCreate(String tenantId) {
        Optional<BillingAccount> found = find(tenantId);
        if (found.isPresent()) {
            return found;
        }
        List<Timestamp> created = jdbc.queryForList("SELECT created_at FROM tenants WHERE id = ?", Timestamp.class, tenantId);
        if (created.isEmpty()) {
            return Optional.empty();
        }
        Instant start = created.getFirst().toInstant();
        try {
            jdbc.update("INSERT INTO tenant_billing (tenant_id, plan, trial_started_at, trial_ends_at, trial_tokens,"
                            + " cancel_at_period_end, updated_at) VALUES (?, ?, ?, ?, ?, FALSE, ?)",
                    tenantId, BillingAccount.TRIAL, Timestamp.from(start),
                    Timestamp.from(start.plus(Duration.ofDays(settings.trial().days()))), settings.trial().tokens(),
                    Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException raced) {
            // Another request or instance created it first: read theirs.
        }
        return find(tenantId);
    }

    public Map<String, BillingAccount> findAll(Collection<String> tenantIds) {
        Map<String, BillingAccount> found = new HashMap<>();
        List<String> ids = List.copyOf(tenantIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT " + COLUMNS + " FROM tenant_billing WHERE tenant_id IN (" + marks + ")",
                    rs -> {
                        BillingAccount account = map(rs, 0);
                        found.put(account.tenantId(), account);
                    }, chunk.toArray());
        }
        return found;
    }

    public Optional<String> tenantOfCustomer(String stripeCustomerId) {
        return jdbc.queryForList("SELECT tenant_id FROM tenant_billing WHERE stripe_customer_id = ?", String.class,
                stripeCustomerId).stream().findFirst();
    }

    /** Sets the Stripe customer unless one is set already; returns the one that is set now. */
    public String attachCustomer(String tenantId, String stripeCustomerId) {
        jdbc.update("UPDATE tenant_billing SET stripe_customer_id = ?, updated_at = ? WHERE tenant_id = ? AND stripe_customer_id IS NULL",
                stripeCustomerId, now(), tenantId);
        return jdbc.queryForObject("SELECT stripe_customer_id FROM tenant_billing WHERE tenant_id = ?", String.class, tenantId);
    }

    /** What a Stripe event says about the tenant's subscription. Keeps tenants.plan in step. */
    public void updateSubscription(String tenantId, String plan, String subscriptionId, String status, Instant periodEnd,
                                   boolean cancelAtPeriodEnd, Instant eventCreated) {
        jdbc.update("UPDATE tenant_billing SET plan = ?, subscription_id = ?, subscription_status = ?, current_period_end = ?,"
                        + " cancel_at_period_end = ?, last_event_at = ?, updated_at = ? WHERE tenant_id = ?",
                plan, subscriptionId, status, ts(periodEnd), cancelAtPeriodEnd, ts(eventCreated), now(), tenantId);
        jdbc.update("UPDATE tenants SET plan = ? WHERE id = ?", plan, tenantId);
    }

    /** The created time of the last subscription event applied (older events are stale). */
    public Optional<Instant> lastEventAt(String tenantId) {
        return jdbc.queryForList("SELECT last_event_at FROM tenant_billing WHERE tenant_id = ?", Timestamp.class, tenantId)
                .stream().filter(java.util.Objects::nonNull).map(Timestamp::toInstant).findFirst();
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static BillingAccount map(ResultSet rs, int row) throws SQLException {
        return new BillingAccount(rs.getString("tenant_id"), rs.getString("plan"), instant(rs, "trial_started_at"),
                instant(rs, "trial_ends_at"), rs.getLong("trial_tokens"), rs.getString("stripe_customer_id"),
                rs.getString("subscription_id"), rs.getString("subscription_status"), instant(rs, "current_period_end"),
                rs.getBoolean("cancel_at_period_end"));
    }
}
