package app.router4ai.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cached answers in Redis, shared by every instance. Writes go through a script that keeps the cache
 * under {@code redis-max-size}: it tracks the bytes it stored in an insertion-ordered index and drops
 * the oldest entries when over the cap (entries that expired by TTL count until they reach the head
 * of the index, so the cap errs on the side of using less). Redis trouble makes a miss, never an error.
 */
final class RedisResponseCache implements ResponseCache {

    private static final Logger log = LoggerFactory.getLogger(RedisResponseCache.class);

    // KEYS: entry, index (zset key→seq), sizes (hash key→bytes), total, seq. ARGV: value, ttl ms, cap.
    private static final String PUT = """
            local old = redis.call('HGET', KEYS[3], KEYS[1])
            if old then redis.call('DECRBY', KEYS[4], old) end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            local size = string.len(ARGV[1]) + string.len(KEYS[1])
            redis.call('HSET', KEYS[3], KEYS[1], size)
            redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[5]), KEYS[1])
            local total = redis.call('INCRBY', KEYS[4], size)
            local cap = tonumber(ARGV[3])
            while total > cap do
              local oldest = redis.call('ZPOPMIN', KEYS[2])
              if #oldest == 0 then break end
              local s = redis.call('HGET', KEYS[3], oldest[1])
              redis.call('HDEL', KEYS[3], oldest[1])
              redis.call('DEL', oldest[1])
              if s then total = redis.call('DECRBY', KEYS[4], s) end
            end
            return total
            """;

    private static final long RECONNECT_EVERY_MS = 5_000;

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile long lastConnectAttempt;
    private final String prefix;
    private final long cap;
    private volatile boolean warned;

    RedisResponseCache(RedisURI uri, CacheSettings settings) {
        uri.setTimeout(settings.redisTimeout());
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.redisTimeout()))
                .build());
        this.prefix = settings.redisKeyPrefix();
        this.cap = settings.redisMaxSize().toBytes();
    }

    /** The connection, opened lazily and at most every few seconds while Redis is away: requests never wait on it. */
    private StatefulRedisConnection<String, byte[]> connection() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null) {
            return c;
        }
        long now = System.currentTimeMillis();
        if (now - lastConnectAttempt < RECONNECT_EVERY_MS) {
            throw new IllegalStateException("Redis not connected");
        }
        synchronized (this) {
            if (connection == null && now - lastConnectAttempt >= RECONNECT_EVERY_MS) {
                lastConnectAttempt = now;
                connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            }
            if (connection == null) {
                throw new IllegalStateException("Redis not connected");
            }
            return connection;
        }
    }

    @Override
    public byte[] get(String key) {
        try {
            return connection().sync().get(prefix + key);
        } catch (RuntimeException e) {
            warnOnce(e);
            return null;
        }
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        try {
            connection().sync().eval(PUT, ScriptOutputType.INTEGER,
                    new String[] {prefix + key, prefix + "index", prefix + "sizes", prefix + "total", prefix + "seq"},
                    value, Long.toString(Math.max(1, ttl.toMillis())).getBytes(StandardCharsets.US_ASCII),
                    Long.toString(cap).getBytes(StandardCharsets.US_ASCII));
            warned = false;
        } catch (RuntimeException e) {
            warnOnce(e);
        }
    }

    private void warnOnce(RuntimeException e) {
        if (!warned) {
            warned = true;
            log.warn("Response cache in Redis unreachable ({}): serving without the cache until it answers", e.getMessage());
        }
    }

    @Override
    public String backend() {
        return "redis";
    }

    void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown();
    }
}
