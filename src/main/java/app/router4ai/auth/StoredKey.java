package app.router4ai.auth;

import java.time.Instant;

/** An API key row: never the key itself, only its hash. */
public record StoredKey(String id, String tenantId, String name, String prefix, String hash,
                        Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
