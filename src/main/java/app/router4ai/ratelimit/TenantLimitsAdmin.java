package app.router4ai.ratelimit;

import app.router4ai.admin.AdminApi;
import app.router4ai.api.ApiError;
import app.router4ai.tenant.Tenant;
import app.router4ai.tenant.TenantStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * {@code PATCH /admin/v1/tenants/{tenantId}} with {@code rate_limit_rps} and/or {@code rate_limit_burst}:
 * positive integers, or {@code null} to go back to the default. Answers the tenant with its effective limits.
 */
@Component
public class TenantLimitsAdmin {

    static final String RPS = "rate_limit_rps";
    static final String BURST = "rate_limit_burst";
    private static final Set<String> FIELDS = Set.of(RPS, BURST);
    // Beyond these a limit means nothing (and GCRA's microsecond interval would reach 0).
    static final int MAX_RPS = 100_000;
    static final int MAX_BURST = 1_000_000;

    private final TenantStore tenants;
    private final TenantLimitsCache limits;
    private final AdminApi admin;
    private final ObjectMapper json;

    public TenantLimitsAdmin(TenantStore tenants, TenantLimitsCache limits, AdminApi admin, ObjectMapper json) {
        this.tenants = tenants;
        this.limits = limits;
        this.admin = admin;
        this.json = json;
    }

    public void update(Exchange exchange) throws IOException {
        String id = exchange.getMessage().getHeader("tenantId", String.class);
        Tenant tenant = tenants.find(id)
                .orElseThrow(() -> ApiError.notFound("tenant_not_found", "No tenant with id '" + id + "'."));
        JsonNode body = body(exchange);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiError.invalidRequest(name, "Unknown field '" + name + "': a tenant's '" + RPS + "' and '"
                        + BURST + "' can be changed.");
            }
        }
        if (!body.has(RPS) && !body.has(BURST)) {
            throw ApiError.invalidRequest(null, "Send '" + RPS + "' and/or '" + BURST + "' (positive integers, or null for the default).");
        }
        Integer rps = limit(body, RPS, MAX_RPS, "requests per second");
        Integer burst = limit(body, BURST, MAX_BURST, "requests allowed at once");
        TenantLimits now = limits.update(tenant.id(), body.has(RPS), rps, body.has(BURST), burst);
        Integer[] stored = limits.stored(tenant.id());

        ObjectNode answer = admin.tenantJson(tenant);
        answer.put(RPS, now.rps()).put(BURST, now.burst());
        answer.put("rate_limit_default", stored == null || (stored[0] == null && stored[1] == null));
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(json.writeValueAsBytes(answer));
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

    private JsonNode body(Exchange exchange) {
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        if (raw != null && raw.length > 0) {
            try {
                JsonNode node = json.readTree(raw);
                if (node != null && node.isObject()) {
                    return node;
                }
            } catch (IOException e) {
                throw ApiError.invalidRequest(null, "We could not parse the JSON body of your request.");
            }
        }
        throw ApiError.invalidRequest(null, "The request body must be a JSON object with '" + RPS + "' and/or '" + BURST + "'.");
    }
}
