package app.router4ai.provider;

import app.router4ai.api.ProviderClientError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * A provider could not answer this request, for a reason another provider (or a retry later) might
 * not have: refused or dropped connection, timeout, 5xx, 429/529, our key refused, garbage, a prompt over
 * its context window. The reason names what happened, never a secret. The failover loop catches exactly this type.
 */
public class ProviderFailure extends RuntimeException {

    /** Kinds worth another attempt on the same deployment: the provider answered nothing useful, but not because it is silent. */
    private static final Set<String> RETRYABLE = Set.of("http_5xx", "http_408", "reset", "rate_limited", "stream_error", "cut");

    private final String provider;
    private final String kind;
    private final String reason;
    private final long retryAfterMillis;
    private final ProviderClientError refusal;

    public ProviderFailure(String provider, String kind, String reason, long retryAfterMillis) {
        this(provider, kind, reason, retryAfterMillis, null);
    }

    private ProviderFailure(String provider, String kind, String reason, long retryAfterMillis, ProviderClientError refusal) {
        super(provider + ": " + reason, null, false, false);
        this.provider = provider;
        this.kind = kind;
        this.reason = reason;
        this.retryAfterMillis = retryAfterMillis;
        this.refusal = refusal;
    }

    /** The prompt does not fit this model: a larger one may answer; where there is none, the client gets {@code refusal}. */
    public static ProviderFailure contextTooLong(String provider, ProviderClientError refusal) {
        return new ProviderFailure(provider, "context_length", "the prompt exceeds the model's context window", 0, refusal);
    }

    public String provider() {
        return provider;
    }

    /**
     * A short metric-friendly category: connect, reset, timeout, first_token_timeout, http_5xx, rate_limited, auth,
     * bad_response, stream_error, cut, context_length.
     */
    public String kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    /** How long the provider asked us to stay away (a 429's Retry-After), in milliseconds; 0 for none. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    /** Whether the same deployment may answer a retry (transient); a silent (timed-out) provider is not retried. */
    public boolean retryable() {
        return RETRYABLE.contains(kind);
    }

    /** The provider's refusal as the client would get it (a prompt over the context window), or null. */
    public ProviderClientError refusal() {
        return refusal;
    }

    /** Whether the provider itself is unwell (counts against its breaker); a prompt too long for it is not. */
    public boolean providerAtFault() {
        return refusal == null;
    }

    public String describe() {
        return provider + " (" + reason + ")";
    }

    /** A failure of the HTTP call itself (connection, timeout) as the failover loop records it. */
    public static ProviderFailure from(String provider, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ProviderFailure failure) {
                return failure;
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return new ProviderFailure(provider, "connect", "connection refused", 0);
            }
            if (c instanceof UnknownHostException) {
                return new ProviderFailure(provider, "connect", "unknown host", 0);
            }
            if (c instanceof SocketTimeoutException || c instanceof InterruptedIOException) {
                return new ProviderFailure(provider, "timeout", "timed out", 0);
            }
            if (c instanceof NoHttpResponseException || c instanceof ConnectionClosedException || c instanceof SocketException) {
                return new ProviderFailure(provider, "reset", "connection reset before an answer", 0);
            }
        }
        String what = t instanceof IOException ? "connection failed" : "call failed";
        return new ProviderFailure(provider, "connect", what + " (" + t.getClass().getSimpleName() + ")", 0);
    }
}
