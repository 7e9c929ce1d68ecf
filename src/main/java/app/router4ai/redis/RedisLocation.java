package app.router4ai.redis;

import io.lettuce.core.RedisURI;
import org.springframework.core.env.Environment;

/**
 * Where the shared Redis is, from Spring's own properties ({@code SPRING_DATA_REDIS_URL}, or
 * {@code spring.data.redis.host/port/...}); null when none is configured, which means every
 * Redis-backed feature runs in-process instead.
 */
public final class RedisLocation {

    private RedisLocation() {
    }

    public static RedisURI uri(Environment env) {
        String url = env.getProperty("spring.data.redis.url");
        if (url != null && !url.isBlank()) {
            return RedisURI.create(url.trim());
        }
        String host = env.getProperty("spring.data.redis.host");
        if (host == null || host.isBlank()) {
            return null;
        }
        RedisURI.Builder b = RedisURI.builder().withHost(host.trim())
                .withPort(env.getProperty("spring.data.redis.port", Integer.class, 6379))
                .withDatabase(env.getProperty("spring.data.redis.database", Integer.class, 0))
                .withSsl(env.getProperty("spring.data.redis.ssl.enabled", Boolean.class, false));
        String password = env.getProperty("spring.data.redis.password");
        if (password != null && !password.isEmpty()) {
            String user = env.getProperty("spring.data.redis.username");
            if (user != null && !user.isBlank()) {
                b.withAuthentication(user, password);
            } else {
                b.withPassword(password.toCharArray());
            }
        }
        return b.build();
    }
}
