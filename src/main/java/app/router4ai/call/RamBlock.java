package app.router4ai.call;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the {@code _ram} object every successful response carries, exactly as the product page shows it. When
 * the answer was not the first candidate's, {@code attempts} lists every candidate in order (provider, model,
 * outcome, ms, and why the ones before failed or were skipped), ending with the one that answered.
 */
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
        if (call.hedged()) {
            ram.put("hedged", true);
        }
        if (!call.attempts().isEmpty() && !call.cacheHit()) {
            ArrayNode attempts = ram.putArray("attempts");
            for (Attempt attempt : call.attempts()) {
                attempts.addObject().put("provider", attempt.provider()).put("model", attempt.model())
                        .put("outcome", attempt.outcome()).put("ms", attempt.ms()).put("reason", attempt.reason());
            }
            attempts.addObject().put("provider", call.deployment().providerName()).put("model", call.deployment().model().id())
                    .put("outcome", "answered").put("ms", (System.nanoTime() - call.attemptStartNanos()) / 1_000_000);
        }
    }
}
