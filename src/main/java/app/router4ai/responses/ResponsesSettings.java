package app.router4ai.responses;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code router.responses.*}: the Responses API's stored responses.
 *
 * @param retention     how long a stored response can be read, continued ({@code previous_response_id}) and listed
 * @param purgeInterval how often expired responses are deleted from the database
 * @param maxInputChars the longest conversation (the previous responses' and this input's text) a request may carry
 */
@ConfigurationProperties("router.responses")
public record ResponsesSettings(@DefaultValue("30d") Duration retention, @DefaultValue("1h") Duration purgeInterval,
                                @DefaultValue("10485760") long maxInputChars) {

    public ResponsesSettings {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("router.responses.retention must be positive");
        }
        if (maxInputChars < 1) {
            throw new IllegalArgumentException("router.responses.max-input-chars must be positive");
        }
    }
}
