package app.router4ai.api;

/** Names of the HTTP headers the router reads or writes. */
public final class Headers {

    public static final String REQUEST_ID = "x-request-id";
    public static final String AUTHORIZATION = "Authorization";
    /** Where Anthropic's clients (Claude Code with ANTHROPIC_API_KEY) put the key. */
    public static final String API_KEY = "x-api-key";
    public static final String RETRY_AFTER = "Retry-After";
    /** The provider that answered, and how many failed before it: visible before a stream's first byte. */
    public static final String PROVIDER = "x-ram-provider";
    public static final String FAILOVER_COUNT = "x-ram-failover-count";
    /** Candidates passed over without a call before the one that answered: {@code provider=reason, ...}. */
    public static final String SKIPPED = "x-ram-skipped";

    private Headers() {
    }
}
