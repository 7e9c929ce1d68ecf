package app.router4ai.requestlog;

import app.router4ai.requestlog.RequestLogEntry.AttemptView;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The read side of the request log, always within one tenant: a period narrowed by the dashboard's filters, a page
 * at a time (newest first), and one request's detail. Answered requests are read from their ledger rows (usage_records),
 * the others from request_log: parameterised SQL on each table's (tenant_id, created_at) index.
 */
@Service
public class RequestLogSearch {

    public static final int PAGE_SIZE = 50;
    private static final TypeReference<List<AttemptView>> ATTEMPTS = new TypeReference<>() {
    };
    // The same columns from both tables: an answered request's line is its ledger row (status 200), the rest are in
    // request_log. Each search reads both, each branch on its own (tenant_id, created_at) index.
    private static final String LOG_COLUMNS = "request_id, tenant_id, key_id, created_at, surface, model, answering_model, "
            + "provider, tier, status, failover_count, cache_hit, stream, latency_ms, ttft_ms, prompt_tokens, "
            + "completion_tokens, cost_cents, trace_id, attempts";
    private static final String LEDGER_COLUMNS = "request_id, tenant_id, key_id, created_at, COALESCE(surface, 'chat') AS surface, "
            + "requested_model AS model, answering_model, provider, tier, 200 AS status, failover_count, cache_hit, stream, "
            + "latency_ms, ttft_ms, prompt_tokens, completion_tokens, cost_cents, trace_id, attempts";
    private static final String ORDER = " ORDER BY created_at DESC, request_id DESC";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public RequestLogSearch(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The tenant's requests in [from, to) that pass the filter, one page. */
    public RequestLogPage search(String tenantId, Instant from, Instant to, RequestLogFilter filter) {
        int wanted = (filter.page() + 1) * PAGE_SIZE + 1;   // each branch: at most what this page can need
        List<Object> args = new ArrayList<>();
        String sql = "SELECT * FROM ((" + branch("usage_records", LEDGER_COLUMNS, "requested_model", true, tenantId, from, to,
                filter, args) + ORDER + " LIMIT " + wanted + ") UNION ALL ("
                + branch("request_log", LOG_COLUMNS, "model", false, tenantId, from, to, filter, args) + ORDER + " LIMIT "
                + wanted + ")) page" + ORDER + " LIMIT ? OFFSET ?";
        args.add(PAGE_SIZE + 1);
        args.add((long) filter.page() * PAGE_SIZE);
        List<RequestLogEntry> rows = jdbc.query(sql, this::entry, args.toArray());
        boolean more = rows.size() > PAGE_SIZE;
        return new RequestLogPage(more ? rows.subList(0, PAGE_SIZE) : rows, filter.page(), more);
    }

    /** One table's part of a search; a ledger row always answered 200. */
    private static String branch(String table, String columns, String modelColumn, boolean answered, String tenantId,
                                 Instant from, Instant to, RequestLogFilter filter, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT " + columns + " FROM " + table
                + " WHERE tenant_id = ? AND created_at >= ? AND created_at < ?");
        args.addAll(List.of(tenantId, Timestamp.from(from), Timestamp.from(to)));
        if (filter.key() != null) {
            sql.append(" AND key_id = ?");
            args.add(filter.key());
        }
        if (filter.model() != null) {
            sql.append(" AND ").append(modelColumn).append(" = ?");
            args.add(filter.model());
        }
        if (filter.provider() != null) {
            sql.append(" AND provider = ?");
            args.add(filter.provider());
        }
        String status = filter.status();
        if ("ok".equals(status)) {
            sql.append(answered ? "" : " AND status < 400");
        } else if ("error".equals(status)) {
            sql.append(answered ? " AND 1 = 0" : " AND status >= 400");
        } else if (status != null && status.matches("\\d{3}")) {
            if (answered) {
                sql.append(Integer.parseInt(status) == 200 ? "" : " AND 1 = 0");
            } else {
                sql.append(" AND status = ?");
                args.add(Integer.parseInt(status));
            }
        }
        if (filter.failedOver()) {
            sql.append(" AND failover_count > 0");
        }
        if ("hit".equals(filter.cache()) || "miss".equals(filter.cache())) {
            sql.append(" AND cache_hit = ?");
            args.add("hit".equals(filter.cache()));
        }
        return sql.toString();
    }

    /** One of the tenant's requests, with its attempts. */
    public Optional<RequestLogEntry> find(String tenantId, String requestId) {
        return jdbc.query("SELECT " + LEDGER_COLUMNS + " FROM usage_records WHERE tenant_id = ? AND request_id = ?"
                        + " UNION ALL SELECT " + LOG_COLUMNS + " FROM request_log WHERE tenant_id = ? AND request_id = ?",
                this::entry, tenantId, requestId, tenantId, requestId).stream().findFirst();
    }

    /** The providers the tenant's requests went to, for the filter's choices. */
    public List<String> providers(String tenantId) {
        return jdbc.queryForList("SELECT provider FROM usage_records WHERE tenant_id = ? UNION "
                + "SELECT provider FROM request_log WHERE tenant_id = ? AND provider IS NOT NULL ORDER BY provider",
                String.class, tenantId, tenantId);
    }

    private RequestLogEntry entry(ResultSet rs, int n) throws SQLException {
        long ttft = rs.getLong("ttft_ms");
        Long ttftMs = rs.wasNull() ? null : ttft;
        BigDecimal cost = rs.getBigDecimal("cost_cents");
        return new RequestLogEntry(rs.getString("request_id"), rs.getString("tenant_id"), rs.getString("key_id"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("surface"), rs.getString("model"),
                rs.getString("answering_model"), rs.getString("provider"), rs.getString("tier"), rs.getInt("status"),
                rs.getInt("failover_count"), rs.getBoolean("cache_hit"), rs.getBoolean("stream"), rs.getLong("latency_ms"),
                ttftMs, rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"),
                cost == null || cost.signum() == 0 ? BigDecimal.ZERO : cost.stripTrailingZeros(), rs.getString("trace_id"),
                attempts(rs.getString("attempts")));
    }

    private List<AttemptView> attempts(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, ATTEMPTS);
        } catch (IOException e) {
            return List.of();
        }
    }
}
