package app.router4ai.provider;

/**
 * What a provider's refusal (a non-2xx answer) means for the failover loop, as the provider's own wire adapter
 * reads its status and body ({@link WireAdapter#classify}).
 */
public enum UpstreamFault {

    /** Overloaded, an internal error, a gateway in between (5xx, 408, 529): the same deployment may answer a retry. */
    TRANSIENT,
    /** 429: retry after the provider's {@code Retry-After} if it is short, else fail over and cool down that long. */
    RATE_LIMITED,
    /** Our API key (or account) was refused: fail over, and never show the client the provider's words about our key. */
    KEY_REFUSED,
    /** The prompt does not fit the model: only a candidate with a larger context window can answer. */
    CONTEXT_TOO_LONG,
    /** A safety system refused the content: goes straight back with the provider's reason, never retried. */
    CONTENT_POLICY,
    /** The request itself is wrong (400, 404, 413, 422...): any provider would refuse it, so the client gets it. */
    CLIENT_ERROR;

    /** What a status means when the body says nothing more; each wire adapter refines it from the body. */
    public static UpstreamFault byStatus(int status) {
        if (status == 401 || status == 403) {
            return KEY_REFUSED;
        }
        if (status == 429) {
            return RATE_LIMITED;
        }
        if (status == 408 || status == 425 || status >= 500 || status < 400) {
            return TRANSIENT;
        }
        return CLIENT_ERROR;
    }

    /** Whether another attempt could answer at all (here after a wait, or elsewhere). */
    public boolean failsOver() {
        return this == TRANSIENT || this == RATE_LIMITED || this == KEY_REFUSED || this == CONTEXT_TOO_LONG;
    }
}
