package app.router4ai.cache;

import app.router4ai.call.ApiCall;
import app.router4ai.call.Surface.Operation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Decides whether this request may use the cache and looks it up. Chat-like answers and embeddings are
 * cached (embeddings always are deterministic); legacy completions and moderations are not. {@code x-ram-cache: no-store}
 * keeps the request out of the cache both ways; {@code x-ram-cache: use} caches it even when it is
 * not deterministic. On a hit the stored entry goes into the call ({@link ApiCall#cachedEntry()}).
 */
@Component
public class CacheLookup implements Processor {

    public static final String HEADER = "x-ram-cache";

    private final ResponseCache cache;
    private final TenantCachePolicy policies;
    private final ObjectMapper json;

    public CacheLookup(ResponseCache cache, TenantCachePolicy policies, ObjectMapper json) {
        this.cache = cache;
        this.policies = policies;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        ApiCall call = ApiCall.of(exchange);
        String directive = exchange.getMessage().getHeader(HEADER, "", String.class).trim().toLowerCase();
        if (directive.equals("no-store")) {
            return;
        }
        // the client's own body: on a surface with its own format every field counts, translated or not
        boolean deterministic = switch (call.surface().operation()) {
            case CHAT -> CacheKey.deterministic(call.clientBody());
            case EMBEDDINGS -> true;
            // answers in their own shape, which a replay as canonical chat chunks would not give back
            case COMPLETIONS, MODERATIONS -> false;
        };
        boolean replayable = call.surface().operation() == Operation.CHAT || call.surface().operation() == Operation.EMBEDDINGS;
        boolean cacheable = replayable && (directive.equals("use")
                || (deterministic && policies.of(call.caller().tenantId()).enabled()));
        if (!cacheable) {
            return;
        }
        // embeddings by their canonical request, which asks for floats: a float and a base64 request share the entry
        String key = CacheKey.of(call.caller().tenantId(), call.surface(), call.requestedModel(),
                call.surface().operation() == Operation.EMBEDDINGS ? call.request() : call.clientBody());
        call.cacheKey(key);
        byte[] stored = cache.get(key);
        if (stored != null) {
            call.foundInCache((ObjectNode) json.readTree(stored));
        }
    }
}
