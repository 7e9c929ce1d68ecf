package app.router4ai.billing;

import app.router4ai.billing.UsageReport.DayUsage;
import app.router4ai.billing.UsageReport.ModelUsage;
import app.router4ai.billing.UsageReport.Totals;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;

/**
 * The read side of the usage ledger, per tenant: totals, per model and per UTC day over a period,
 * and the most recent requests. Parameterised SQL on the (tenant_id, created_at) index only. Days are
 * UTC days, bucketed on the epoch (not a cast to DATE), so H2 and PostgreSQL agree whatever their time zone.
 */
@Service
public class UsageReports {

    /** The longest period one report covers. */
    public static final int MAX_DAYS = 366;

    private static final String SUMS = "COALESCE(SUM(prompt_tokens), 0) AS prompt_tokens, "
            + "COALESCE(SUM(completion_tokens), 0) AS completion_tokens, COALESCE(SUM(cost_cents), 0) AS cost_cents, "
            + "COUNT(*) AS requests";
    private static final String UTC_DAY = "FLOOR(EXTRACT(EPOCH FROM created_at) / 86400)";
    private static final String PERIOD = " FROM usage_records WHERE tenant_id = ? AND created_at >= ? AND created_at < ?";
    private static final String KEY_PERIOD = PERIOD + " AND key_id = ?";

    private final JdbcTemplate jdbc;

    public UsageReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public UsageReport report(String tenantId, LocalDate from, LocalDate to) {
        return report(tenantId, null, from, to);
    }

    /** The report of one key of the tenant (all its keys when {@code keyId} is null). */
    public UsageReport report(String tenantId, String keyId, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to.plusDays(1))) {
            throw new IllegalArgumentException("A report covers at most " + MAX_DAYS + " days");
        }
        Object[] period = keyId == null ? new Object[] {tenantId, start(from), start(to.plusDays(1))}
                : new Object[] {tenantId, start(from), start(to.plusDays(1)), keyId};
        String where = keyId == null ? PERIOD : KEY_PERIOD;
        Totals total = jdbc.queryForObject("SELECT " + SUMS + where, UsageReports::totals, period);
        List<ModelUsage> byModel = jdbc.query("SELECT requested_model, " + SUMS + where
                        + " GROUP BY requested_model ORDER BY cost_cents DESC, requested_model",
                (rs, n) -> new ModelUsage(rs.getString("requested_model"), totals(rs, n)), period);
        return new UsageReport(from, to, total, byModel, byDay(period, where, from, to));
    }

    /** The tenant's usage per key over the period (keys without usage left out), costliest first. */
    public List<KeyUsage> byKey(String tenantId, LocalDate from, LocalDate to) {
        return jdbc.query("SELECT key_id, " + SUMS + PERIOD + " GROUP BY key_id ORDER BY cost_cents DESC, key_id",
                (rs, n) -> new KeyUsage(rs.getString("key_id"), totals(rs, n)), tenantId, start(from), start(to.plusDays(1)));
    }

    /** One key's line of {@code group_by=key}. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"key_id", "requests", "prompt_tokens", "completion_tokens",
            "total_tokens", "cost_cents_usd"})
    public record KeyUsage(@com.fasterxml.jackson.annotation.JsonProperty("key_id") String keyId,
                           @com.fasterxml.jackson.annotation.JsonUnwrapped Totals totals) {
    }

    /** The tenant's latest requests, newest first. */
    public List<RecentRequest> recent(String tenantId, int limit) {
        return jdbc.query("""
                SELECT request_id, created_at, key_id, requested_model, tier, provider, failover_count, latency_ms,
                  prompt_tokens, completion_tokens, cost_cents, cache_hit, stream
                FROM usage_records WHERE tenant_id = ? ORDER BY created_at DESC, id DESC""",
                ps -> {
                    ps.setString(1, tenantId);
                    ps.setMaxRows(limit);
                },
                (rs, n) -> new RecentRequest(rs.getString("request_id"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("key_id"), rs.getString("requested_model"), rs.getString("tier"),
                        rs.getString("provider"), rs.getInt("failover_count"), rs.getLong("latency_ms"),
                        rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"), cents(rs.getBigDecimal("cost_cents")),
                        rs.getBoolean("cache_hit"), rs.getBoolean("stream")));
    }

    /** Every day of the period, zero where nothing was used. */
    private List<DayUsage> byDay(Object[] period, String where, LocalDate from, LocalDate to) {
        Map<LocalDate, Totals> used = new HashMap<>();
        jdbc.query("SELECT " + UTC_DAY + " AS epoch_day, " + SUMS + where + " GROUP BY " + UTC_DAY,
                (RowCallbackHandler) rs -> used.put(LocalDate.ofEpochDay(rs.getLong("epoch_day")), totals(rs, 0)), period);
        List<DayUsage> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(new DayUsage(day, used.getOrDefault(day, Totals.ZERO)));
        }
        return days;
    }

    private static Totals totals(ResultSet rs, int n) throws SQLException {
        return new Totals(rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"), cents(rs.getBigDecimal("cost_cents")),
                rs.getLong("requests"));
    }

    private static BigDecimal cents(BigDecimal value) {
        return value == null || value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    private static Timestamp start(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
