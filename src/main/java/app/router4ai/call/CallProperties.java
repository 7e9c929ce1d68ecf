package app.router4ai.call;

import app.router4ai.auth.ApiKeyAuthenticator;
import app.router4ai.ratelimit.RateLimitDecision;
import org.apache.camel.Exchange;

/**
 * Every exchange property of an API request, in one place (as Spring Cloud Gateway keeps its exchange attributes
 * in {@code ServerWebExchangeUtils}). Steps share their state through the typed {@link ApiCall}; the few other
 * properties are values an endpoint URI in the routes reads itself ({@code ${exchangeProperty.<name>}} in the
 * YAML), or set before a call exists (the caller of {@code /v1/models}).
 */
public final class CallProperties {

    /** The {@link ApiCall}: everything a step reads of what earlier steps did. */
    public static final String CALL = "ramCall";
    /** The authenticated key's tenant ({@link app.router4ai.auth.Caller}); also on requests without an ApiCall. */
    public static final String CALLER = ApiKeyAuthenticator.CALLER;
    /** The rate limiter's decision, for the {@code x-ratelimit-*} headers. */
    public static final String RATE_LIMIT = RateLimitDecision.PROPERTY;
    /** The provider of the deployment being tried: the failover route's {@code toD: direct:provider-${...}}. */
    public static final String PROVIDER = "provider";
    /** Its connect timeout in ms: the provider route's http endpoint option {@code connectTimeout}. */
    public static final String CONNECT_TIMEOUT = "ramConnectTimeoutMs";
    /** Its read timeout in ms: the provider route's http endpoint option {@code responseTimeout}. */
    public static final String READ_TIMEOUT = "ramReadTimeoutMs";

    private CallProperties() {
    }

    /** Points the exchange at a provider's route, with the timeouts its http endpoint takes. */
    public static void target(Exchange exchange, String provider, long connectTimeoutMs, long readTimeoutMs) {
        exchange.setProperty(PROVIDER, provider);
        exchange.setProperty(CONNECT_TIMEOUT, connectTimeoutMs);
        exchange.setProperty(READ_TIMEOUT, readTimeoutMs);
    }
}
