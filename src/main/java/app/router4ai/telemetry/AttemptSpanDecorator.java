package app.router4ai.telemetry;

import app.router4ai.call.ApiCall;
import io.opentelemetry.api.trace.SpanKind;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.decorators.DirectSpanDecorator;

/**
 * One client span per provider attempt: the failover loop's call of {@code direct:provider-<name>} (the HTTP call,
 * its request and its reading), named as the GenAI conventions name an inference ({@code chat gpt-4o-mini}).
 * The failover loop sends to {@code direct:provider-<name>?failIfNoConsumers=true} (the default, spelled out): the
 * one {@code direct:} URI with options, so that {@link TracingConfig} can exclude every plain {@code direct:} span —
 * the provider routes' own route spans among them — and keep this one. The provider's HTTP call and its
 * {@code traceparent} are children of this span.
 */
public class AttemptSpanDecorator extends DirectSpanDecorator {

    static final String PROVIDER_ROUTE = "direct://provider-";

    @Override
    public String getOperationName(Exchange exchange, Endpoint endpoint) {
        ApiCall call = attempt(exchange, endpoint);
        if (call == null) {
            return super.getOperationName(exchange, endpoint);
        }
        SpanKinds.next(SpanKind.CLIENT);
        return GenAi.operation(call) + " " + call.deployment().model().providerModel();
    }

    @Override
    public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
        super.beforeTracingEvent(span, exchange, endpoint);
        ApiCall call = attempt(exchange, endpoint);
        if (call != null) {
            CallAttributes.ofAttemptStart(call, span::setTag);
        }
    }

    @Override
    public void afterTracingEvent(Span span, Exchange exchange) {
        super.afterTracingEvent(span, exchange);
        ApiCall call = ApiCall.of(exchange);
        if (call != null && call.deployment() != null) {   // the only direct: spans not excluded are attempts
            CallAttributes.ofAttemptEnd(call, exchange);
        }
    }

    private static ApiCall attempt(Exchange exchange, Endpoint endpoint) {
        ApiCall call = ApiCall.of(exchange);
        return call != null && call.deployment() != null && endpoint.getEndpointUri().startsWith(PROVIDER_ROUTE) ? call : null;
    }
}
