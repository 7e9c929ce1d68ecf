package app.router4ai.billing;

import java.math.BigDecimal;
import java.time.Instant;

/** One usage row as the dashboard lists it: the request's {@code _ram} fields and its tokens. */
public record RecentRequest(String requestId, Instant createdAt, String keyId, String model, String tier, String provider,
                            int failoverCount, long latencyMs, long promptTokens, long completionTokens,
                            BigDecimal costCents, boolean cacheHit, boolean stream) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
