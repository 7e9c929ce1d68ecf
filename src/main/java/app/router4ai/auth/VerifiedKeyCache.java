package app.router4ai.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Keys already verified with Argon2 on this instance, by SHA-256 of the whole key (so the cache
 * never holds a key, and a lookup proves the secret as well as Argon2 did). Entries leave when
 * their key is revoked ({@link RevocationWatcher}) or after a day unused.
 */
@Component
public class VerifiedKeyCache {

    private final Cache<String, Caller> verified = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(24))
            .build();

    /** The caller for this key, verifying it through {@code verifier} (at most once at a time per key) when not cached. */
    public Caller get(String fullKey, Function<String, Caller> verifier) {
        return verified.get(digest(fullKey), d -> verifier.apply(fullKey));
    }

    public void evictKeys(Collection<String> keyIds) {
        if (keyIds.isEmpty()) {
            return;
        }
        Set<String> ids = Set.copyOf(keyIds);
        verified.asMap().values().removeIf(caller -> ids.contains(caller.keyId()));
    }

    static String digest(String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
