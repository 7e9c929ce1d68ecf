package app.router4ai.call;

import app.router4ai.api.Headers;
import app.router4ai.telemetry.CallEnd;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.springframework.stereotype.Component;

/**
 * Opens the call: a request id, a start time and the surface (from the endpoint's path), before anything
 * can fail, so that even a refused key is answered in the surface's error shape (and counted, and logged).
 */
@Component
public class ApiCallStarter implements Processor {

    private final CallEnd end;

    public ApiCallStarter(CallEnd end) {
        this.end = end;
    }

    @Override
    public void process(Exchange exchange) {
        String path = exchange.getFromEndpoint() instanceof PlatformHttpEndpoint http ? http.getPath() : null;
        Surface surface = Surface.ofPath(path);
        ApiCall call = new ApiCall(surface, path != null ? path : surface.path());
        exchange.setProperty(ApiCall.PROPERTY, call);
        exchange.getMessage().setHeader(Headers.REQUEST_ID, call.requestId());
        end.opened(call, exchange);   // metrics and access log once it ends; its ids in the log context meanwhile
    }
}
