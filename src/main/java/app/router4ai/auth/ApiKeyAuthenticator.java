package app.router4ai.auth;

import app.router4ai.api.ApiError;
import app.router4ai.api.Headers;
import app.router4ai.call.ApiCall;
import app.router4ai.ratelimit.FailedAuthLimiter;
import java.time.Clock;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Checks {@code Authorization: Bearer ram_live_...}, or {@code x-api-key: ram_live_...} as Anthropic's clients
 * send it. A key verified before is served from memory. Any other key shaped like one costs one indexed
 * lookup and one Argon2 verification, whether its id exists, is revoked or has a wrong secret (an unknown id
 * is checked against a decoy hash): how long the refusal takes says nothing about which ids exist. Each
 * verification is counted against the client address's failed-authentication allowance before it runs
 * ({@link FailedAuthLimiter}).
 * Sets the exchange property {@code caller} (and the {@link ApiCall}'s caller when there is one).
 */
@Component
public class ApiKeyAuthenticator implements Processor {

    public static final String CALLER = "caller";

    private final ApiKeyStore store;
    private final KeyHasher hasher;
    private final VerifiedKeyCache cache;
    private final KeyUsageTracker usage;
    private final FailedAuthLimiter failedAuth;
    private final KeySettingsCache settings;
    private final Clock clock;

    public ApiKeyAuthenticator(ApiKeyStore store, KeyHasher hasher, VerifiedKeyCache cache, KeyUsageTracker usage,
                               FailedAuthLimiter failedAuth, KeySettingsCache settings, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.cache = cache;
        this.usage = usage;
        this.failedAuth = failedAuth;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        // An address that failed too often gets 429 here, before any key lookup or Argon2.
        String address = failedAuth.admit(exchange);
        String header = exchange.getMessage().getHeader(Headers.AUTHORIZATION, String.class);
        if (header == null || header.isBlank()) {
            header = exchange.getMessage().getHeader(Headers.API_KEY, String.class);   // Anthropic's clients
        }
        if (header == null || header.isBlank()) {
            throw ApiError.invalidApiKey("You didn't provide an API key. Send it as 'Authorization: Bearer ram_live_...'"
                    + " (or, from Anthropic's clients, 'x-api-key: ram_live_...').");
        }
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : header.trim();
        Caller caller = authenticate(token, address);
        if (caller == null) {
            throw ApiError.invalidApiKey("Incorrect API key provided: " + redact(token)
                    + ". Create or rotate keys in the dashboard.");
        }
        KeySettings own = settings.of(caller.keyId());
        if (own != null && own.expiresAt() != null && !clock.instant().isBefore(own.expiresAt())) {
            throw new ApiError(401, "invalid_request_error", "invalid_api_key", null, "This API key (" + redact(token)
                    + ") expired at " + own.expiresAt() + ". Create a new key or extend it in the dashboard.", null);
        }
        usage.used(caller.keyId());
        exchange.setProperty(CALLER, caller);
        ApiCall call = ApiCall.of(exchange);
        if (call != null) {
            call.caller(caller);
        }
    }

    /** The caller the key belongs to, or null (the failure counted against {@code address}). */
    Caller authenticate(String token, String address) {
        ApiKeyFormat.Parsed key = ApiKeyFormat.parse(token);
        if (key == null) {
            failedAuth.failed(address);
            return null;
        }
        return cache.get(key.fullKey(), full -> verify(key, address));
    }

    private Caller verify(ApiKeyFormat.Parsed key, String address) {
        try (FailedAuthLimiter.KeyCheck check = failedAuth.startCheck(address)) {
            Optional<StoredKey> stored = store.find(key.id());
            boolean matches = hasher.verify(key.fullKey(), stored.map(StoredKey::hash).orElseGet(hasher::decoyHash));
            if (!matches || stored.isEmpty()) {
                return null;
            }
            if (stored.get().revoked()) {
                // The secret is right: saying so tells nothing to someone without it, and tells its owner what happened.
                throw new ApiError(401, "invalid_request_error", "invalid_api_key", null, "This API key ("
                        + redact(key.fullKey()) + ") was revoked at " + stored.get().revokedAt()
                        + ". Use its replacement or create a new key in the dashboard.", null);
            }
            check.passed();
            return new Caller(stored.get().tenantId(), stored.get().id());
        }
    }

    /** As OpenAI does: enough of the key to recognise it, never enough to use it. */
    static String redact(String token) {
        if (token.length() <= 8) {
            return "****";
        }
        return token.substring(0, Math.min(token.length() - 4, ApiKeyFormat.PREFIX.length() + 4)) + "****"
                + token.substring(token.length() - 4);
    }
}
