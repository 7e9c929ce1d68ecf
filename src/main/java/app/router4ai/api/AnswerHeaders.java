package app.router4ai.api;

import app.router4ai.call.ApiCall;
import app.router4ai.ratelimit.RateLimitHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The headers of a successful answer, whatever the surface: only the router's own (every provider and
 * client header is dropped), the request id, who answered after how many failovers, and the rate limit.
 */
public final class AnswerHeaders {

    public static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private AnswerHeaders() {
    }

    public static void write(Exchange exchange, Message out, ApiCall call, String contentType) {
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, contentType);
        if (contentType.startsWith("text/event-stream")) {
            out.setHeader("Cache-Control", "no-cache");
        } else {
            out.setHeader(Exchange.HTTP_CHUNKED, false);   // a whole answer: Content-Length, one write, no chunk framing
        }
        out.setHeader(Headers.REQUEST_ID, call.requestId());
        out.setHeader(Headers.PROVIDER, call.deployment().providerName());
        out.setHeader(Headers.FAILOVER_COUNT, call.failoverCount());
        RateLimitHeaders.write(exchange, out);  // x-ratelimit-* of the throttle step
    }
}
