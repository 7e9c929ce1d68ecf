package app.router4ai.auth;

import app.router4ai.api.ApiError;
import app.router4ai.api.Headers;
import app.router4ai.call.ApiCall;
import app.router4ai.ratelimit.FailedAuthLimiter;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Checks {@code Authorization: Bearer ram_live_...}, or {@code x-api-key: ram_live_...} as Anthropic's clients
 * send it. A key verified before is served from memory;
 * an unknown or revoked id is refused after one indexed lookup, without running Argon2.
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

    public ApiKeyAuthenticator(ApiKeyStore store, KeyHasher hasher, VerifiedKeyCache cache, KeyUsageTracker usage,
                               FailedAuthLimiter failedAuth) {
        this.store = store;
        this.hasher = hasher;
        this.cache = cache;
        this.usage = usage;
        this.failedAuth = failedAuth;
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
        Caller caller = authenticate(token);
        if (caller == null) {
            failedAuth.failed(address);
            throw ApiError.invalidApiKey("Incorrect API key provided: " + redact(token)
                    + ". Create or rotate keys in the dashboard.");
        }
        usage.used(caller.keyId());
        exchange.setProperty(CALLER, caller);
        ApiCall call = ApiCall.of(exchange);
        if (call != null) {
            call.caller(caller);
        }
    }

    Caller authenticate(String token) {
        ApiKeyFormat.Parsed key = ApiKeyFormat.parse(token);
        if (key == null) {
            return null;
        }
        return cache.get(key.fullKey(), full -> store.find(key.id())
                .filter(stored -> !stored.revoked())
                .filter(stored -> hasher.verify(full, stored.hash()))
                .map(stored -> new Caller(stored.tenantId(), stored.id()))
                .orElse(null));
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
