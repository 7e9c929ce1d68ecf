package app.router4ai.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code router.idempotency.*}.
 *
 * @param ttl            how long a first answer is replayed to requests with the same key
 * @param maxAnswerSize  a larger answer is not kept (a retry then gets a fresh answer)
 * @param abandonedAfter a request still "in flight" this long (its instance died) no longer blocks its key
 * @param purgeInterval  how often expired answers are deleted
 */
@ConfigurationProperties("router.idempotency")
public record IdempotencySettings(@DefaultValue("24h") Duration ttl,
                                  @DefaultValue("4MB") org.springframework.util.unit.DataSize maxAnswerSize,
                                  @DefaultValue("10m") Duration abandonedAfter,
                                  @DefaultValue("1h") Duration purgeInterval) {
}
