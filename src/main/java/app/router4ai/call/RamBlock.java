package app.router4ai.call;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes the {@code _ram} object every successful response carries, exactly as the product page shows it. */
public final class RamBlock {

    public static final String FIELD = "_ram";

    private RamBlock() {
    }

    public static void attach(ObjectNode response, ApiCall call) {
        ObjectNode ram = response.putObject(FIELD);
        ram.put("tier", call.deployment().tier());
        ram.put("provider_used", call.deployment().providerName());
        ram.put("failover_count", call.failoverCount());
        ram.put("latency_ms", call.latencyMs());
        ram.put("cost_billed_cents_usd", call.costCents());
        ram.put("cache_hit", call.cacheHit());
        ram.put("request_id", call.requestId());
    }
}
