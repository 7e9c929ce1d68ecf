package app.router4ai.billing;

import app.router4ai.requestlog.RequestTrace;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of the usage ledger: one completed request. {@code cachedTokens} and {@code cacheWriteTokens} are
 * the parts of {@code promptTokens} read from and written to the provider's prompt cache.
 *
 * @param surface        the API it came through, as the ledger's {@code surface} column names it ({@code chat},
 *                       {@code responses}, {@code messages}, {@code embeddings}, ...)
 * @param usageEstimated the provider's counts were impossible and the router's estimate stands in for them
 * @param trace          what the request log shows beside (time to first token, trace id, attempts); null if unknown
 */
public record UsageRow(String requestId, String tenantId, String keyId, String requestedModel, String answeringModel,
                       String provider, String tier, long promptTokens, long completionTokens, long cachedTokens,
                       long cacheWriteTokens, BigDecimal costCents, long latencyMs, int failoverCount, boolean cacheHit,
                       boolean stream, Instant createdAt, String surface, boolean usageEstimated, RequestTrace trace) {

    /** A row without its request-log trace. */
    public UsageRow(String requestId, String tenantId, String keyId, String requestedModel, String answeringModel,
                    String provider, String tier, long promptTokens, long completionTokens, long cachedTokens,
                    long cacheWriteTokens, BigDecimal costCents, long latencyMs, int failoverCount, boolean cacheHit,
                    boolean stream, Instant createdAt, String surface, boolean usageEstimated) {
        this(requestId, tenantId, keyId, requestedModel, answeringModel, provider, tier, promptTokens, completionTokens,
                cachedTokens, cacheWriteTokens, costCents, latencyMs, failoverCount, cacheHit, stream, createdAt, surface,
                usageEstimated, null);
    }

    /** A chat-completions row without prompt-cache writes. */
    public UsageRow(String requestId, String tenantId, String keyId, String requestedModel, String answeringModel,
                    String provider, String tier, long promptTokens, long completionTokens, long cachedTokens,
                    BigDecimal costCents, long latencyMs, int failoverCount, boolean cacheHit, boolean stream,
                    Instant createdAt) {
        this(requestId, tenantId, keyId, requestedModel, answeringModel, provider, tier, promptTokens, completionTokens,
                cachedTokens, 0, costCents, latencyMs, failoverCount, cacheHit, stream, createdAt, "chat", false, null);
    }
}
