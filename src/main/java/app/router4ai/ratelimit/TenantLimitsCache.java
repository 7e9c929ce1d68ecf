package app.router4ai.ratelimit;

import app.router4ai.database.DatabaseUnavailable;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each tenant's effective limits, in memory: the request path never waits for the database except
 * for a tenant's first request on an instance. A PATCH on this instance replaces the entry at once;
 * other instances reload an entry in the background once it is {@code limits-refresh} old (the stale
 * value keeps serving meanwhile), so a change reaches them within that interval of the next request.
 */
@Component
public class TenantLimitsCache {

    private static final Logger log = LoggerFactory.getLogger(TenantLimitsCache.class);

    private final JdbcTemplate jdbc;
    private final RateLimits settings;
    private final LoadingCache<String, TenantLimits> limits;

    public TenantLimitsCache(JdbcTemplate jdbc, RateLimits settings) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.limits = Caffeine.newBuilder()
                .maximumSize(100_000)
                .refreshAfterWrite(settings.limitsRefresh())
                .expireAfterAccess(Duration.ofHours(1))
                .build(new CacheLoader<>() {
                    @Override
                    public TenantLimits load(String tenantId) {
                        return loadOrDefaults(tenantId);
                    }

                    @Override
                    public TenantLimits reload(String tenantId, TenantLimits old) {
                        // The old limits stay while the database does not answer (better than dropping to defaults),
                        // quietly: Caffeine would log a stack trace per tenant per refresh through the whole outage.
                        try {
                            return read(tenantId);
                        } catch (RuntimeException e) {
                            if (!DatabaseUnavailable.is(e)) {
                                throw e;
                            }
                            return old;
                        }
                    }
                });
    }

    public TenantLimits get(String tenantId) {
        return limits.get(tenantId);
    }

    /** The tenant's overrides as stored ({@code null} = default), or null when there is no such tenant. */
    public Integer[] stored(String tenantId) {
        List<Integer[]> rows = jdbc.query("SELECT rate_limit_rps, rate_limit_burst FROM tenants WHERE id = ?",
                (rs, n) -> new Integer[] {rs.getObject(1, Integer.class), rs.getObject(2, Integer.class)}, tenantId);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /** Writes the overrides given (a {@code null} value back to the default) and applies them on this instance now. */
    public TenantLimits update(String tenantId, boolean setRps, Integer rps, boolean setBurst, Integer burst) {
        if (setRps && setBurst) {
            jdbc.update("UPDATE tenants SET rate_limit_rps = ?, rate_limit_burst = ? WHERE id = ?", rps, burst, tenantId);
        } else if (setRps) {
            jdbc.update("UPDATE tenants SET rate_limit_rps = ? WHERE id = ?", rps, tenantId);
        } else if (setBurst) {
            jdbc.update("UPDATE tenants SET rate_limit_burst = ? WHERE id = ?", burst, tenantId);
        }
        TenantLimits now = read(tenantId);
        limits.put(tenantId, now);
        return now;
    }

    private TenantLimits read(String tenantId) {
        Integer[] row = stored(tenantId);
        return row == null ? settings.resolve(null, null) : settings.resolve(row[0], row[1]);
    }

    private TenantLimits loadOrDefaults(String tenantId) {
        try {
            return read(tenantId);
        } catch (RuntimeException e) {
            // A database hiccup must not fail requests: defaults until the next refresh.
            log.warn("Could not read rate limits of tenant {}, using defaults: {}", tenantId, e.getMessage());
            return settings.resolve(null, null);
        }
    }
}
