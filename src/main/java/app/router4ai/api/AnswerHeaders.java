package app.router4ai.api;

import app.router4ai.call.ApiCall;
import app.router4ai.call.Attempt;
import app.router4ai.ratelimit.RateLimitHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The headers of a successful answer, whatever the surface: only the router's own (every provider and
 * client header is dropped), the request id, who answered after how many failovers (and which candidates were
 * passed over), and the rate limit.
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
        String skipped = skipped(call);
        if (!skipped.isEmpty()) {
            out.setHeader(Headers.SKIPPED, skipped);
        }
        call.answerHeaders().forEach(out::setHeader);
        RateLimitHeaders.write(exchange, out);  // x-ratelimit-* of the throttle step
    }

    /** {@code anthropic=unsupported, openai=unavailable}: who was passed over, and why in one word. */
    private static String skipped(ApiCall call) {
        if (call.attempts().isEmpty() || call.cacheHit()) {
            return "";
        }
        StringBuilder skipped = new StringBuilder();
        for (Attempt attempt : call.attempts()) {
            if (attempt.skipped()) {
                skipped.append(skipped.isEmpty() ? "" : ", ").append(attempt.provider()).append('=')
                        .append(attempt.outcome().substring(attempt.outcome().indexOf('_') + 1));
            }
        }
        return skipped.toString();
    }
}
