package app.router4ai.telemetry;

import app.router4ai.call.ApiCall;
import io.opentelemetry.api.trace.SpanKind;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.decorators.PlatformHttpSpanDecorator;

/**
 * The server span of an API request (Camel's platform-http route span): named {@code POST /v1/chat/completions},
 * continued from the client's {@code traceparent}, and at its end carrying what the call came to — the GenAI
 * attributes and the router's {@code ram.*} (tier, failovers, cache hit, cost), tenant and key id. Never the key
 * and never the prompt.
 */
public class ApiServerSpanDecorator extends PlatformHttpSpanDecorator {

    @Override
    public String getOperationName(Exchange exchange, Endpoint endpoint) {
        SpanKinds.next(SpanKind.SERVER);
        String path = endpoint instanceof PlatformHttpEndpoint http ? http.getPath() : stripSchemeAndOptions(endpoint);
        return getHttpMethod(exchange, endpoint) + " " + path;
    }

    @Override
    public void afterTracingEvent(Span span, Exchange exchange) {
        super.afterTracingEvent(span, exchange);
        ApiCall call = ApiCall.of(exchange);
        if (call != null) {
            CallAttributes.ofCall(call, exchange);
        }
    }
}
