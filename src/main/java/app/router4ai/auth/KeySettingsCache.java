package app.router4ai.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The settings of every key that has any (expiry, scopes, own limits), in memory: the request path looks a key up
 * in a map and finds nothing for most keys. A change made on this instance applies at once; every instance
 * re-reads the table every {@code router.ratelimit.limits-refresh} (5 s), which brings other instances' changes.
 */
@Component
public class KeySettingsCache {

    private static final Logger log = LoggerFactory.getLogger(KeySettingsCache.class);

    private volatile Map<String, KeySettings> byKey = Map.of();
    private final KeySettingsStore store;

    public KeySettingsCache(KeySettingsStore store) {
        this.store = store;
    }

    /** The key's settings when it has any the request path enforces, else null. */
    public KeySettings of(String keyId) {
        return byKey.get(keyId);
    }

    /** Applies a change made here at once (the periodic reload would bring it within the refresh interval). */
    public synchronized void changed(KeySettings settings) {
        Map<String, KeySettings> next = new ConcurrentHashMap<>(byKey);
        if (settings.enforced()) {
            next.put(settings.keyId(), settings);
        } else {
            next.remove(settings.keyId());
        }
        byKey = next;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "${router.ratelimit.limits-refresh:5s}")
    public synchronized void reload() {
        try {
            Map<String, KeySettings> next = new ConcurrentHashMap<>();
            store.enforced().forEach(s -> next.put(s.keyId(), s));
            byKey = next;
        } catch (RuntimeException e) {
            log.warn("Could not re-read key settings (the previous ones stay in force): {}", e.getMessage());
        }
    }
}
