package app.router4ai.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code router.cache.*}: the exact-match response cache. By default a request is cached when it is
 * deterministic ({@code temperature} 0, one choice) and its tenant has not turned the cache off.
 * Hits are not billed unless {@code bill-hits}.
 */
@ConfigurationProperties("router.cache")
public record CacheSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1h") Duration defaultTtl,
        @DefaultValue("false") boolean billHits,
        @DefaultValue("auto") Backend backend,
        @DefaultValue("64MB") DataSize localMaxSize,
        @DefaultValue("256MB") DataSize redisMaxSize,
        @DefaultValue("512KB") DataSize maxEntrySize,
        @DefaultValue("router4ai:cache:") String redisKeyPrefix,
        @DefaultValue("150ms") Duration redisTimeout) {

    public enum Backend { AUTO, LOCAL, REDIS }
}
