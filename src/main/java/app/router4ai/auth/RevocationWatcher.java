package app.router4ai.auth;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every instance polls the shared database for keys revoked anywhere, so a key revoked through one
 * instance stops working on all of them within the poll interval plus a query (well under 5 s).
 */
@Component
public class RevocationWatcher {

    private static final Logger log = LoggerFactory.getLogger(RevocationWatcher.class);
    // Look back further than one interval: a revocation committed late, or a clock a little off, is still seen.
    private static final long OVERLAP_SECONDS = 30;

    private final ApiKeyStore store;
    private final VerifiedKeyCache cache;
    private volatile Instant lastPoll = Instant.now();

    public RevocationWatcher(ApiKeyStore store, VerifiedKeyCache cache) {
        this.store = store;
        this.cache = cache;
    }

    @Scheduled(fixedDelayString = "${router.keys.revocation-poll:1s}")
    public void poll() {
        Instant now = Instant.now();
        try {
            List<String> revoked = store.revokedSince(lastPoll.minusSeconds(OVERLAP_SECONDS));
            cache.evictKeys(revoked);
            lastPoll = now;
        } catch (RuntimeException e) {
            log.warn("Could not poll for revoked API keys: {}", e.getMessage());
        }
    }
}
