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
 * at the next candidate. One that can continue ({@code can_continue} in the routing file) gets the original request
 * plus the text already delivered as an assistant prefill; one that cannot (or that refused the prefill with a 400,
 * which is remembered for a while: {@link PrefillRefusals}) gets the original request again and restarts the answer,
 * which the client's stream splices on once it has gone past the text already sent (or ends with an error if it
 * says something else). It runs the candidate's provider route on the request's own exchange, so the new upstream
 * connection is released with the request, as the first one is. A candidate's refusal is passed over and never shown
 * to the client: when none takes over, the client gets the real failure.
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
    private final PrefillRefusals refusals;

    public StreamRescue(ProducerTemplate routes, ProviderHealth health, AttemptPlanner planner, ModelCatalog catalog,
                        WireAdapters adapters, MeterRegistry meters, PrefillRefusals refusals) {
        this.routes = routes;
        this.health = health;
        this.planner = planner;
        this.catalog = catalog;
        this.adapters = adapters;
        this.meters = meters;
        this.refusals = refusals;
    }

    /**
     * Whether this stream could be rescued if it broke: a translated stream with a candidate left. Only then does
     * the stream keep the text it delivered (memory, for thousands of open streams).
     */
    public boolean possible(ApiCall call) {
        return !call.passThrough() && !call.remainingCandidates().isEmpty();
    }

    /**
     * The stream that takes over the exchange's broken one, or null when no candidate does.
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
            String model = next.model().id();
            boolean continues = catalog.current().failover().canContinue(model) && !refusals.refused(model);
            StreamContinuation taken = null;
            if (continues && available(call, next)) {
                Exception failed = attempt(exchange, call, next, original, prefilled);
                if (failed == null) {
                    taken = opened(exchange, next, prefilled, "");
                } else if (failed instanceof ProviderClientError refused && refused.status() == 400) {
                    // it takes no prefill after all: remember that, and restart there without one
                    refusals.refusedBy(model);
                    health.rejectedRequest(next.key(), call.attemptStartNanos());
                    call.attemptFailed(next.providerName() + " (refused the continuation: HTTP 400; restarting without it)");
                    continues = false;
                } else {
                    failed(call, next, failed);
                }
            } else if (continues) {
                continue;
            }
            if (taken == null && !continues && available(call, next)) {
                Exception failed = attempt(exchange, call, next, original, original);
                if (failed == null) {
                    taken = opened(exchange, next, original, delivered);
                } else {
                    failed(call, next, failed);
                }
            }
            if (taken != null) {
                String how = taken.restarted() ? "restarted" : "continued";
                meters.counter("router.stream.rescues", "from", broken.providerName(), "to", next.providerName(), "how", how)
                        .increment();
                log.info("Request {}: the stream of {} broke ({}); {} {} it", call.requestId(), broken.providerName(),
                        why, next.providerName(), how);
                return taken;
            }
        }
        call.attempt(broken);   // nothing took over: the books stay with the attempt that delivered the text
        return null;
    }

    /** Whether the deadline and this candidate's breaker let a call through; else it is passed over. */
    private boolean available(ApiCall call, Deployment next) {
        if (call.failover().millisLeft() > 0 && health.tryAcquire(next.key())) {
            return true;
        }
        call.candidateSkipped(next, Attempt.SKIPPED_UNAVAILABLE, next.providerName() + " (skipped: unavailable)");
        return false;
    }

    /** Runs the candidate's provider route with {@code body}; its failure, or null when its stream opened. */
    private Exception attempt(Exchange exchange, ApiCall call, Deployment next, ObjectNode original, ObjectNode body) {
        call.attempt(next);
        planner.attempting(call, next);
        long[] timeouts = planner.timeouts(call, next);
        CallProperties.target(exchange, next.providerName(), timeouts[0], timeouts[1]);
        call.parsed(body, call.requestedModel(), true, call.clientWantsUsage());
        try {
            routes.send("direct:provider-" + next.providerName(), exchange);
        } finally {
            call.parsed(original, call.requestedModel(), true, call.clientWantsUsage());
        }
        Exception failed = exchange.getException();
        exchange.setException(null);
        return failed;
    }

    private StreamContinuation opened(Exchange exchange, Deployment next, ObjectNode sent, String replay) {
        health.succeeded(next.key(), ApiCall.of(exchange).attemptStartNanos());
        return new StreamContinuation(exchange.getMessage().getBody(InputStream.class),
                adapters.forWire(next.provider().wire()).streamTranslator(sent, next), replay);
    }

    private void failed(ApiCall call, Deployment next, Exception failed) {
        if (failed instanceof ProviderClientError refused) {
            health.rejectedRequest(next.key(), call.attemptStartNanos());
            call.attemptFailed(next.providerName() + " (refused the rescue: HTTP " + refused.status() + ")");
        } else {
            ProviderFailure failure = ProviderFailure.from(next.providerName(), failed);
            health.failed(next.key(), call.attemptStartNanos(), failure);
            call.attemptFailed(failure.describe());
        }
    }
}
