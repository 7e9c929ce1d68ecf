package app.router4ai.ratelimit;

import app.router4ai.admin.AdminApi;
import app.router4ai.api.ApiError;
import app.router4ai.api.JsonMessages;
import app.router4ai.cache.TenantCachePolicy;
import app.router4ai.tenant.Tenant;
import app.router4ai.tenant.TenantStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code PATCH /admin/v1/tenants/{tenantId}}: a tenant's settings. {@code rate_limit_rps},
 * {@code rate_limit_burst}, {@code cache_ttl_seconds}: positive integers; {@code cache_enabled}: a
 * boolean; {@code null} goes back to the router's default. Answers the tenant with its effective settings.
 */
@Component
public class TenantLimitsAdmin {

    static final String RPS = "rate_limit_rps";
    static final String BURST = "rate_limit_burst";
    static final String CACHE_ENABLED = "cache_enabled";
    static final String CACHE_TTL = "cache_ttl_seconds";
    private static final Set<String> FIELDS = Set.of(RPS, BURST, CACHE_ENABLED, CACHE_TTL);
    private static final int MAX_CACHE_TTL = 30 * 24 * 3600;
    // Beyond these a limit means nothing (and GCRA's microsecond interval would reach 0).
    static final int MAX_RPS = 100_000;
    static final int MAX_BURST = 1_000_000;

    private final TenantStore tenants;
    private final TenantLimitsCache limits;
    private final AdminApi admin;
    private final ObjectMapper json;
    private final TenantCachePolicy cache;

    public TenantLimitsAdmin(TenantStore tenants, TenantLimitsCache limits, AdminApi admin, ObjectMapper json,
                             TenantCachePolicy cache) {
        this.tenants = tenants;
        this.limits = limits;
        this.admin = admin;
        this.json = json;
        this.cache = cache;
    }

    public void update(Exchange exchange) throws IOException {
        String id = exchange.getMessage().getHeader("tenantId", String.class);
        Tenant tenant = tenants.find(id)
                .orElseThrow(() -> ApiError.notFound("tenant_not_found", "No tenant with id '" + id + "'."));
        JsonNode body = JsonMessages.objectBody(exchange.getMessage(), json);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiError.invalidRequest(name, "Unknown field '" + name + "': a tenant's " + FIELDS + " can be changed.");
            }
        }
        if (FIELDS.stream().noneMatch(body::has)) {
            throw ApiError.invalidRequest(null, "Send any of " + FIELDS + " (null sets the router's default).");
        }
        Integer rps = limit(body, RPS, MAX_RPS, "requests per second");
        Integer burst = limit(body, BURST, MAX_BURST, "requests allowed at once");
        Integer ttl = limit(body, CACHE_TTL, MAX_CACHE_TTL, "seconds a cached answer is kept");
        JsonNode enabled = body.get(CACHE_ENABLED);
        if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
            throw ApiError.invalidRequest(CACHE_ENABLED, "'" + CACHE_ENABLED + "' must be true, false, or null for the default.");
        }
        // Validate everything before writing anything: bad input changes no state.
        TenantLimits now = body.has(RPS) || body.has(BURST)
                ? limits.update(tenant.id(), body.has(RPS), rps, body.has(BURST), burst) : limits.get(tenant.id());
        TenantCachePolicy.Policy cachePolicy = body.has(CACHE_ENABLED) || body.has(CACHE_TTL)
                ? cache.update(tenant.id(), body.has(CACHE_ENABLED), enabled == null || enabled.isNull() ? null : enabled.asBoolean(),
                        body.has(CACHE_TTL), ttl)
                : cache.of(tenant.id());
        Integer[] stored = limits.stored(tenant.id());

        ObjectNode answer = admin.tenantJson(tenant);
        answer.put(RPS, now.rps()).put(BURST, now.burst());
        answer.put("rate_limit_default", stored == null || (stored[0] == null && stored[1] == null));
        answer.put(CACHE_ENABLED, cachePolicy.enabled()).put(CACHE_TTL, cachePolicy.ttl().toSeconds());
        JsonMessages.reply(exchange.getMessage(), 200, answer, json);
    }

    private static Integer limit(JsonNode body, String field, int max, String what) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1 || value.intValue() > max) {
            throw ApiError.invalidRequest(field, "'" + field + "' must be a positive integer (" + what + ", at most "
                    + max + "), or null for the default; got " + value + ".");
        }
        return value.intValue();
    }
}
