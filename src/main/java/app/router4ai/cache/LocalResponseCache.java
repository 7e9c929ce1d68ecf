package app.router4ai.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;

/** In-process cache, bounded by bytes (a weigher) with a TTL per entry. */
final class LocalResponseCache implements ResponseCache {

    private record Entry(byte[] value, long ttlNanos) {
    }

    private final Cache<String, Entry> cache;

    LocalResponseCache(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Entry e) -> key.length() + e.value().length)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry e, long now) {
                        return e.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry e, long now, long current) {
                        return e.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry e, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    @Override
    public byte[] get(String key) {
        Entry e = cache.getIfPresent(key);
        return e == null ? null : e.value();
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        cache.put(key, new Entry(value, ttl.toNanos()));
    }

    @Override
    public String backend() {
        return "local";
    }
}
