package app.router4ai.ratelimit;

import app.router4ai.api.ApiError;
import app.router4ai.api.Headers;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The rate-limit headers as OpenAI sends them. The response writers (RamEnricher, StreamMeter) clear
 * all headers and then call {@link #write}, so the limiter's decision survives to the client.
 */
public final class RateLimitHeaders {

    public static final String LIMIT = "x-ratelimit-limit-requests";
    public static final String REMAINING = "x-ratelimit-remaining-requests";
    public static final String RESET = "x-ratelimit-reset-requests";
    public static final String RETRY_AFTER_MS = "retry-after-ms";

    private RateLimitHeaders() {
    }

    /** Adds the {@code x-ratelimit-*} headers of this exchange's decision, if the limiter made one. */
    public static void write(Exchange exchange, Message out) {
        RateLimitDecision decision = exchange.getProperty(RateLimitDecision.PROPERTY, RateLimitDecision.class);
        if (decision != null) {
            out.setHeader(LIMIT, Integer.toString(decision.limit()));
            out.setHeader(REMAINING, Long.toString(decision.remaining()));
            out.setHeader(RESET, duration(decision.resetNanos()));
        }
    }

    /** The 429 for a request over its limit: OpenAI's error shape, Retry-After in whole seconds (≥ 1) and in ms. */
    public static ApiError exceeded(RateLimitDecision decision, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Headers.RETRY_AFTER, Long.toString(Math.max(1, ceilDiv(decision.retryAfterNanos(), 1_000_000_000L))));
        headers.put(RETRY_AFTER_MS, Long.toString(Math.max(1, ceilDiv(decision.retryAfterNanos(), 1_000_000L))));
        headers.put(LIMIT, Integer.toString(decision.limit()));
        headers.put(REMAINING, Long.toString(decision.remaining()));
        headers.put(RESET, duration(decision.resetNanos()));
        return new ApiError(429, "requests", "rate_limit_exceeded", null, message, headers);
    }

    /** Go's duration style, as OpenAI writes it: {@code 0s}, {@code 12ms}, {@code 1s}, {@code 1.5s}, {@code 6m0s}, {@code 1h0m0s}. */
    public static String duration(long nanos) {
        long ms = nanos <= 0 ? 0 : ceilDiv(nanos, 1_000_000L);
        if (ms == 0) {
            return "0s";
        }
        if (ms < 1000) {
            return ms + "ms";
        }
        long hours = ms / 3_600_000;
        long minutes = ms / 60_000 % 60;
        long secondsMs = ms % 60_000;
        String seconds = secondsMs % 1000 == 0 ? Long.toString(secondsMs / 1000)
                : BigDecimal.valueOf(secondsMs, 3).stripTrailingZeros().toPlainString();
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds + "s";
        }
        return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
    }

    static long ceilDiv(long value, long unit) {
        return value <= 0 ? 0 : Math.ceilDiv(value, unit);
    }
}
