package app.router4ai.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each tenant's cache switch and TTL (tenants.cache_enabled / cache_ttl_seconds; NULL = the router's
 * default), held in memory and refreshed every few seconds, so the request path does no database read.
 */
@Component
public class TenantCachePolicy {

    public record Policy(boolean enabled, Duration ttl) {
    }

    private final JdbcTemplate jdbc;
    private final CacheSettings settings;
    private final LoadingCache<String, Policy> policies;

    public TenantCachePolicy(JdbcTemplate jdbc, CacheSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.policies = Caffeine.newBuilder().maximumSize(100_000).refreshAfterWrite(Duration.ofSeconds(5))
                .expireAfterAccess(Duration.ofHours(1)).build(this::read);
    }

    public Policy of(String tenantId) {
        return policies.get(tenantId);
    }

    /** Sets what is given (null back to the default) and applies it here at once; elsewhere within the refresh. */
    public Policy update(String tenantId, boolean setEnabled, Boolean enabled, boolean setTtl, Integer ttlSeconds) {
        if (setEnabled) {
            jdbc.update("UPDATE tenants SET cache_enabled = ? WHERE id = ?", enabled, tenantId);
        }
        if (setTtl) {
            jdbc.update("UPDATE tenants SET cache_ttl_seconds = ? WHERE id = ?", ttlSeconds, tenantId);
        }
        Policy now = read(tenantId);
        policies.put(tenantId, now);
        return now;
    }

    private Policy read(String tenantId) {
        List<Policy> rows = jdbc.query("SELECT cache_enabled, cache_ttl_seconds FROM tenants WHERE id = ?", (rs, n) -> {
            Boolean enabled = rs.getObject(1, Boolean.class);
            Integer ttl = rs.getObject(2, Integer.class);
            return new Policy(enabled == null ? settings.enabled() : enabled,
                    ttl == null ? settings.defaultTtl() : Duration.ofSeconds(ttl));
        }, tenantId);
        return rows.isEmpty() ? new Policy(settings.enabled(), settings.defaultTtl()) : rows.getFirst();
    }
}
