package app.router4ai.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, rotating and revoking keys. Revocation takes effect here at once, elsewhere within a poll. */
@Service
public class ApiKeyService {

    private final ApiKeyStore store;
    private final KeyHasher hasher;
    private final VerifiedKeyCache cache;

    public ApiKeyService(ApiKeyStore store, KeyHasher hasher, VerifiedKeyCache cache) {
        this.store = store;
        this.hasher = hasher;
        this.cache = cache;
    }

    public IssuedKey create(String tenantId, String name) {
        String id = ApiKeyFormat.newId();
        String key = ApiKeyFormat.newKey(id);
        StoredKey stored = new StoredKey(id, tenantId, name, ApiKeyFormat.displayPrefix(id), hasher.hash(key),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null, null);
        store.insert(stored);
        return new IssuedKey(stored, key);
    }

    public List<StoredKey> list(String tenantId) {
        return store.forTenant(tenantId);
    }

    public Optional<StoredKey> find(String keyId) {
        return store.find(keyId);
    }

    /** A new key for the same tenant and name; the old one is revoked in the same transaction. */
    @Transactional
    public IssuedKey rotate(StoredKey old) {
        IssuedKey fresh = create(old.tenantId(), old.name());
        revoke(old.id());
        return fresh;
    }

    public void revoke(String keyId) {
        store.revoke(keyId, Instant.now());
        cache.evictKeys(List.of(keyId));
    }
}
