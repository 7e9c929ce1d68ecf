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
 * at a time (newest first), and one request's detail. Parameterised SQL on the (tenant_id, created_at) index.
 */
@Service
public class RequestLogSearch {

    public static final int PAGE_SIZE = 50;
    private static final TypeReference<List<AttemptView>> ATTEMPTS = new TypeReference<>() {
    };
    private static final String COLUMNS = "request_id, tenant_id, key_id, created_at, surface, model, answering_model, "
            + "provider, tier, status, failover_count, cache_hit, stream, latency_ms, ttft_ms, prompt_tokens, "
            + "completion_tokens, cost_cents, trace_id, attempts";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public RequestLogSearch(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The tenant's requests in [from, to) that pass the filter, one page. */
    public RequestLogPage search(String tenantId, Instant from, Instant to, RequestLogFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                + " FROM request_log WHERE tenant_id = ? AND created_at >= ? AND created_at < ?");
        List<Object> args = new ArrayList<>(List.of(tenantId, Timestamp.from(from), Timestamp.from(to)));
        if (filter.key() != null) {
            sql.append(" AND key_id = ?");
            args.add(filter.key());
        }
        if (filter.model() != null) {
            sql.append(" AND model = ?");
            args.add(filter.model());
        }
        if (filter.provider() != null) {
            sql.append(" AND provider = ?");
            args.add(filter.provider());
        }
        if ("ok".equals(filter.status())) {
            sql.append(" AND status < 400");
        } else if ("error".equals(filter.status())) {
            sql.append(" AND status >= 400");
        } else if (filter.status() != null && filter.status().matches("\\d{3}")) {
            sql.append(" AND status = ?");
            args.add(Integer.parseInt(filter.status()));
        }
        if (filter.failedOver()) {
            sql.append(" AND failover_count > 0");
        }
        if ("hit".equals(filter.cache()) || "miss".equals(filter.cache())) {
            sql.append(" AND cache_hit = ?");
            args.add("hit".equals(filter.cache()));
        }
        sql.append(" ORDER BY created_at DESC, request_id DESC LIMIT ? OFFSET ?");
        args.add(PAGE_SIZE + 1);
        args.add((long) filter.page() * PAGE_SIZE);
        List<RequestLogEntry> rows = jdbc.query(sql.toString(), this::entry, args.toArray());
        boolean more = rows.size() > PAGE_SIZE;
        return new RequestLogPage(more ? rows.subList(0, PAGE_SIZE) : rows, filter.page(), more);
    }

    /** One of the tenant's requests, with its attempts. */
    public Optional<RequestLogEntry> find(String tenantId, String requestId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM request_log WHERE tenant_id = ? AND request_id = ?", this::entry,
                tenantId, requestId).stream().findFirst();
    }

    /** The providers the tenant's requests went to, for the filter's choices. */
    public List<String> providers(String tenantId) {
        return jdbc.queryForList("SELECT DISTINCT provider FROM request_log WHERE tenant_id = ? AND provider IS NOT NULL "
                + "ORDER BY provider", String.class, tenantId);
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
