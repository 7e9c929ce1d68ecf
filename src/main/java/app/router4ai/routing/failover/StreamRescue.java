package app.router4ai.routing.failover;

import app.router4ai.api.ProviderClientError;
import app.router4ai.call.ApiCall;
import app.router4ai.call.CallProperties;
import app.router4ai.call.Attempt;
import app.router4ai.provider.ProviderFailure;
import app.router4ai.provider.ProviderHealth;
import app.router4ai.provider.StreamContinuation;
import app.router4ai.provider.WireAdapters;
import app.router4ai.routing.Deployment;
import app.router4ai.routing.ModelCatalog;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Mid-stream rescue: a stream that broke after content reached the client (cut, stalled, an error event) goes on
 * at the next candidate that can continue ({@code can_continue} in the routing file), which gets the original
 * request plus the text already delivered as an assistant prefill. It runs the candidate's provider route on the
 * request's own exchange, so the new upstream connection is released with the request, as the first one is.
 * A candidate that refuses (a prefill it does not take, say) is passed over and never shown to the client: when
 * none continues, the client gets the real failure.
 */
@Component
public class StreamRescue {

    private static final Logger log = LoggerFactory.getLogger(StreamRescue.class);

    private final ProducerTemplate routes;
    private final ProviderHealth health;
    private final AttemptPlanner planner;
    private final ModelCatalog catalog;
    private final WireAdapters adapters;
    private final MeterRegistry meters;

    public StreamRescue(ProducerTemplate routes, ProviderHealth health, AttemptPlanner planner, ModelCatalog catalog,
                        WireAdapters adapters, MeterRegistry meters) {
        this.routes = routes;
        this.health = health;
        this.planner = planner;
        this.catalog = catalog;
        this.adapters = adapters;
        this.meters = meters;
    }

    /**
     * Whether this stream could be continued if it broke: a translated stream with a candidate left that can
     * continue. Only then does the stream keep the text it delivered (memory, for thousands of open streams).
     */
    public boolean possible(ApiCall call) {
        if (call.passThrough()) {
            return false;
        }
        for (Deployment candidate : call.remainingCandidates()) {
            if (catalog.current().failover().canContinue(candidate.model().id())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The continuation of the exchange's broken stream, or null when no candidate continues it.
     *
     * @param delivered the text the client got (choice 0)
     * @param why       what broke, for the attempt list and the logs
     */
    public StreamContinuation continueAfter(Exchange exchange, String delivered, String why) {
        ApiCall call = ApiCall.of(exchange);
        Deployment broken = call.deployment();
        health.failed(broken.key(), call.attemptStartNanos(), new ProviderFailure(broken.providerName(), "stream_broken", why, 0));
        call.attemptFailed(broken.providerName() + " (" + why + ")");
        String prefill = delivered.stripTrailing();   // Anthropic refuses a prefill ending in whitespace
        if (call.passThrough() || prefill.isEmpty() || call.request().path("n").asInt(1) > 1) {
            return null;
        }
        ObjectNode original = call.request();
        ObjectNode prefilled = original.deepCopy();
        prefilled.withArray("messages").addObject().put("role", "assistant").put("content", prefill);
        Deployment next;
        while ((next = call.remainingCandidates().poll()) != null) {
            String provider = next.providerName();
            if (!catalog.current().failover().canContinue(next.model().id())) {
                call.candidateSkipped(next, Attempt.SKIPPED_UNSUPPORTED, provider + " (skipped: cannot continue a stream)");
                continue;
            }
            if (call.failover().millisLeft() <= 0 || !health.tryAcquire(next.key())) {
                call.candidateSkipped(next, Attempt.SKIPPED_UNAVAILABLE, provider + " (skipped: unavailable)");
                continue;
            }
            StreamContinuation continuation = attempt(exchange, call, next, original, prefilled);
            if (continuation != null) {
                meters.counter("router.stream.rescues", "from", broken.providerName(), "to", provider).increment();
                log.info("Request {}: the stream of {} broke ({}); {} continues it", call.requestId(), broken.providerName(),
                        why, provider);
                return continuation;
            }
        }
        call.attempt(broken);   // nothing continued: the books stay with the attempt that delivered the text
        return null;
    }

    private StreamContinuation attempt(Exchange exchange, ApiCall call, Deployment next, ObjectNode original, ObjectNode prefilled) {
        String provider = next.providerName();
        call.attempt(next);
        planner.attempting(call, next);
        long[] timeouts = planner.timeouts(call, next);
        CallProperties.target(exchange, provider, timeouts[0], timeouts[1]);
        call.parsed(prefilled, call.requestedModel(), true, call.clientWantsUsage());
        try {
            routes.send("direct:provider-" + provider, exchange);
        } finally {
            call.parsed(original, call.requestedModel(), true, call.clientWantsUsage());
        }
        Exception failed = exchange.getException();
        exchange.setException(null);
        if (failed == null) {
            health.succeeded(next.key(), call.attemptStartNanos());
            return new StreamContinuation(exchange.getMessage().getBody(InputStream.class),
                    adapters.forWire(next.provider().wire()).streamTranslator(prefilled, next));
        }
        if (failed instanceof ProviderClientError refused) {
            health.rejectedRequest(next.key(), call.attemptStartNanos());
            call.attemptFailed(provider + " (refused the continuation: HTTP " + refused.status() + ")");
        } else {
            ProviderFailure failure = ProviderFailure.from(provider, failed);
            health.failed(next.key(), call.attemptStartNanos(), failure);
            call.attemptFailed(failure.describe());
        }
        return null;
    }
}
