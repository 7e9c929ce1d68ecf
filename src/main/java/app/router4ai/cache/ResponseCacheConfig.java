package app.router4ai.cache;

import app.router4ai.redis.RedisLocation;
import io.lettuce.core.RedisURI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Chooses the cache's home: Redis when one is configured (shared by all instances), else this JVM. */
@Configuration
class ResponseCacheConfig {

    @Bean
    ResponseCache responseCache(CacheSettings settings, Environment env) {
        RedisURI redis = RedisLocation.uri(env);
        boolean useRedis = switch (settings.backend()) {
            case LOCAL -> false;
            case REDIS -> true;
            case AUTO -> redis != null;
        };
        if (useRedis) {
            return new RedisResponseCache(redis != null ? redis : RedisURI.create("127.0.0.1", 6379), settings);
        }
        return new LocalResponseCache(settings.localMaxSize().toBytes());
    }
}
