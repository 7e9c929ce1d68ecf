package app.router4ai.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against the Redis at {@code ROUTER_TEST_REDIS_URL} (default
 * redis://127.0.0.1:6379). Skipped with a message when none answers, unless
 * {@code ROUTER_REQUIRE_REDIS=true} (CI), where that is a failure. Use {@link RedisAvailable#PREFIX}
 * as the key prefix.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RedisAvailable.class)
public @interface RedisTest {
}
