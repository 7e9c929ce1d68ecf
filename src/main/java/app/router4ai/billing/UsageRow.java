package app.router4ai.billing;

import java.math.BigDecimal;
import java.time.Instant;

/** One line of the usage ledger: one completed request. */
public record UsageRow(String requestId, String tenantId, String keyId, String requestedModel, String answeringModel,
                       String provider, String tier, long promptTokens, long completionTokens, long cachedTokens,
                       BigDecimal costCents, long latencyMs, int failoverCount, boolean cacheHit, boolean stream,
                       Instant createdAt) {
}
