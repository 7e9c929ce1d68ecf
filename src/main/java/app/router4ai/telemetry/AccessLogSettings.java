package app.router4ai.telemetry;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The JSON access log (logger {@code router4ai.access}): one line per API request.
 *
 * @param enabled write it ({@code ROUTER_ACCESS_LOG_ENABLED=true}); off by default, as a line per request is a cost
 *                at thousands of requests a second that the ledger and the metrics already cover
 */
@ConfigurationProperties("router.access-log")
public record AccessLogSettings(boolean enabled) {
}
