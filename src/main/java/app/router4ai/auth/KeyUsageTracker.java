package app.router4ai.auth;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps {@code last_used_at} current without a database write per request: written in one batch every few seconds. */
@Component
public class KeyUsageTracker {

    private static final Logger log = LoggerFactory.getLogger(KeyUsageTracker.class);

    private final ApiKeyStore store;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    public KeyUsageTracker(ApiKeyStore store) {
        this.store = store;
    }

    public void used(String keyId) {
        pending.put(keyId, Instant.now());
    }

    @Scheduled(fixedDelayString = "${router.keys.last-used-flush:5s}")
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = new HashMap<>();
        pending.keySet().forEach(id -> batch.put(id, pending.remove(id)));
        batch.values().removeIf(java.util.Objects::isNull);
        try {
            store.touch(batch);
        } catch (RuntimeException e) {
            batch.forEach(pending::putIfAbsent);
            log.warn("Could not record when API keys were last used: {}", e.getMessage());
        }
    }
}
