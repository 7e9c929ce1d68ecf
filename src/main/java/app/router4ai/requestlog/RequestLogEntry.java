package app.router4ai.requestlog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One API request as the dashboard's request log shows it.
 *
 * @param status   the HTTP status the client got
 * @param ttftMs   time to the answer's first byte, or null (a cache hit, or no provider answered)
 * @param traceId  the trace it belongs to when tracing was on, else null
 * @param attempts every candidate in order, the one that answered last
 */
public record RequestLogEntry(String requestId, String tenantId, String keyId, Instant createdAt, String surface,
                              String model, String answeringModel, String provider, String tier, int status,
                              int failoverCount, boolean cacheHit, boolean stream, long latencyMs, Long ttftMs,
                              long promptTokens, long completionTokens, BigDecimal costCents, String traceId,
                              List<AttemptView> attempts) {

    /** One candidate of the request: {@code answered}, {@code failed}, or skipped without a call. */
    public record AttemptView(String provider, String model, String outcome, long ms, String reason) {
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    public boolean ok() {
        return status < 400;
    }
}
