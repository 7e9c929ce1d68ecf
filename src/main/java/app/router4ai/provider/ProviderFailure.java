package app.router4ai.provider;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * A provider could not answer this request, for a reason another provider (or a retry later) might
 * not have: refused or dropped connection, timeout, 5xx, 429/529, our key refused, garbage. The
 * reason names what happened, never a secret. The failover loop catches exactly this type.
 */
public class ProviderFailure extends RuntimeException {

    private final String provider;
    private final String kind;
    private final String reason;
    private final long coolDownSeconds;

    public ProviderFailure(String provider, String kind, String reason, long coolDownSeconds) {
        super(provider + ": " + reason, null, false, false);
        this.provider = provider;
        this.kind = kind;
        this.reason = reason;
        this.coolDownSeconds = coolDownSeconds;
    }

    public String provider() {
        return provider;
    }

    /** A short metric-friendly category: connect, timeout, http_5xx, rate_limited, auth, bad_response. */
    public String kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    /** How long the provider asked us to stay away (a 429's Retry-After); 0 for none. */
    public long coolDownSeconds() {
        return coolDownSeconds;
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
        }
        String what = t instanceof IOException ? "connection failed" : "call failed";
        return new ProviderFailure(provider, "connect", what + " (" + t.getClass().getSimpleName() + ")", 0);
    }
}
