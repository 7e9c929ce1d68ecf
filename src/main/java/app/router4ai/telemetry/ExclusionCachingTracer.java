package app.router4ai.telemetry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;

/**
 * Camel's tracer, deciding each endpoint's or step's exclusion once. Camel asks {@link #exclude} for every processor
 * and every endpoint send of every exchange, and answers by splitting the pattern list, normalising the URI and
 * compiling each regex anew: on the request path that was most of what tracing cost. Route steps and endpoint URIs
 * are a small fixed set (the dynamic sends resolve to one URI per provider), so the answers are kept; past
 * {@link #MAX_REMEMBERED} distinct names the rest are decided the long way, so nothing grows without bound.
 */
class ExclusionCachingTracer extends OpenTelemetryTracer {

    static final int MAX_REMEMBERED = 4096;

    private final Map<String, Boolean> excluded = new ConcurrentHashMap<>();

    @Override
    public boolean exclude(String endpointUri, CamelContext context) {
        if (endpointUri == null) {
            return false;
        }
        Boolean known = excluded.get(endpointUri);
        if (known != null) {
            return known;
        }
        boolean decided = super.exclude(endpointUri, context);
        if (excluded.size() < MAX_REMEMBERED) {
            excluded.put(endpointUri, decided);
        }
        return decided;
    }

    @Override
    public void setExcludePatterns(String excludePatterns) {
        excluded.clear();
        super.setExcludePatterns(excludePatterns);
    }
}
