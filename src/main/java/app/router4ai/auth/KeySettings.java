package app.router4ai.auth;

import java.time.Instant;
import java.util.Map;

/**
 * A key's own settings beside its secret: expiry, scopes, its rate limits (below its workspace's), metadata.
 *
 * @param expiresAt       when the key stops working (401 saying so), or null
 * @param rateLimitRps    requests per second this key may send (burst: one second's worth), or null = the workspace's
 * @param tokensPerMinute tokens (prompt + completion) this key may use per minute, or null = no limit
 * @param metadata        the owner's own labels (team, service, ...), shown back, never interpreted
 */
public record KeySettings(String keyId, String tenantId, Instant expiresAt, KeyScopes scopes, Integer rateLimitRps,
                          Long tokensPerMinute, Map<String, String> metadata) {

    public static KeySettings none(String keyId, String tenantId) {
        return new KeySettings(keyId, tenantId, null, KeyScopes.NONE, null, null, Map.of());
    }

    /** Whether anything here applies to requests (what the request path keeps in memory). */
    public boolean enforced() {
        return expiresAt != null || scopes.restricts() || rateLimitRps != null || tokensPerMinute != null;
    }
}
