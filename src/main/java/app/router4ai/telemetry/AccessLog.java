package app.router4ai.telemetry;

import app.router4ai.call.ApiCall;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One JSON line per API request on the logger {@code router4ai.access}, when {@link AccessLogSettings#enabled()}:
 * who (tenant, key id — never the key), what (model, provider, tier, attempts), how it went (status, latency, time to
 * first token, tokens, cost, cache hit) and the ids to find it again (request id, trace id).
 */
@Component
public class AccessLog {

    static final String LOGGER = "router4ai.access";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final boolean enabled;
    private final ObjectMapper json;

    AccessLog(AccessLogSettings settings, ObjectMapper json) {
        this.enabled = settings.enabled();
        this.json = json;
    }

    void write(ApiCall call, int status, String traceId) {
        if (!enabled || !log.isInfoEnabled()) {
            return;
        }
        log.info(line(call, status, traceId).toString());
    }

    ObjectNode line(ApiCall call, int status, String traceId) {
        ObjectNode line = json.createObjectNode();
        line.put("request_id", call.requestId());
        if (traceId != null) {
            line.put("trace_id", traceId);
        }
        line.put("surface", call.surface().name().toLowerCase(java.util.Locale.ROOT));
        line.put("tenant_id", call.caller() != null ? call.caller().tenantId() : null);
        line.put("key_id", call.caller() != null ? call.caller().keyId() : null);
        line.put("model", call.requestedModel());
        line.put("provider", call.deployment() != null ? call.deployment().providerName() : null);
        line.put("tier", call.deployment() != null ? call.deployment().tier() : null);
        line.put("attempts", CallEnd.calledAttempts(call));
        line.put("failover_count", call.failoverCount());
        line.put("status", status);
        line.put("stream", call.stream());
        line.put("latency_ms", CallEnd.latencyMs(call));
        if (call.ttftMs() >= 0) {
            line.put("ttft_ms", call.ttftMs());
        }
        line.put("input_tokens", call.usage().promptTokens());
        line.put("output_tokens", call.usage().completionTokens());
        line.put("cost_usd", call.costCents().movePointLeft(2));
        line.put("cache_hit", call.cacheHit());
        return line;
    }
}
