package app.router4ai.provider;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * A provider could not answer this request, for a reason another provider (or a retry later) might
 * not have: refused or dropped connection, timeout, 5xx, 429, or our key rejected. The reason names
 * the provider and what happened, never a secret.
 */
public class ProviderFailure extends RuntimeException {

    private final String provider;
    private final String reason;
    private final long retryAfterSeconds;

    public ProviderFailure(String provider, String reason, long retryAfterSeconds) {
        super(provider + ": " + reason, null, false, false);
        this.provider = provider;
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String provider() {
        return provider;
    }

    public String reason() {
        return reason;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String describe() {
        return provider + " (" + reason + ")";
    }

    /** True for failures of the upstream call itself, as opposed to bugs or bad input. */
    public static boolean isUpstream(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ProviderFailure || c instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    public static ProviderFailure from(String provider, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ProviderFailure failure) {
                return failure;
            }
        }
        return new ProviderFailure(provider, reason(t), 1);
    }

    private static String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "connection refused";
            }
            if (c instanceof UnknownHostException) {
                return "unknown host";
            }
            if (c instanceof SocketTimeoutException || c instanceof InterruptedIOException) {
                return "timed out";
            }
        }
        return "connection failed (" + t.getClass().getSimpleName() + ")";
    }
}
