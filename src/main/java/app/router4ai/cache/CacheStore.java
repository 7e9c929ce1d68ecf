package app.router4ai.cache;

import app.router4ai.call.ApiCall;
import app.router4ai.call.RamBlock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/** Keeps a provider's answer for later identical requests: the completion with the provider that gave it, no {@code _ram}. */
@Component
public class CacheStore implements org.apache.camel.Processor {

    private final ResponseCache cache;
    private final TenantCachePolicy policies;
    private final CacheSettings settings;
    private final ObjectMapper json;

    public CacheStore(ResponseCache cache, TenantCachePolicy policies, CacheSettings settings, ObjectMapper json) {
        this.cache = cache;
        this.policies = policies;
        this.settings = settings;
        this.json = json;
    }

    /** Route step for a completed (non-streamed) answer: the body is the completion, before {@code _ram}. */
    @Override
    public void process(org.apache.camel.Exchange exchange) {
        store(ApiCall.of(exchange), exchange.getMessage().getBody(ObjectNode.class));
    }

    public void store(ApiCall call, ObjectNode completion) {
        if (call.cacheKey() == null || call.cacheHit()) {
            return;
        }
        ObjectNode entry = json.createObjectNode();
        entry.put("provider", call.deployment().providerName());
        ObjectNode copy = completion.deepCopy();
        copy.remove(RamBlock.FIELD);
        entry.set("completion", copy);
        try {
            byte[] bytes = json.writeValueAsBytes(entry);
            if (bytes.length <= settings.maxEntrySize().toBytes()) {
                cache.put(call.cacheKey(), bytes, policies.of(call.caller().tenantId()).ttl());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
