package app.router4ai.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.eclipse.jetty.io.QuietException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of a request body, read straight from the servlet stream platform-http hands over.
 * (Camel's generic conversion went through a Reader with a 16 KB buffer per request: a quarter of the
 * bytes the request path allocated.) Reads at most {@code limit + 1} bytes, so an oversized body is
 * recognised without being read whole.
 */
public final class RequestBody {

    /** Past this much unread body, the connection is given up instead (the client then sees it reset). */
    static final long DRAIN_LIMIT_BYTES = 64L << 20;

    private static final Logger log = LoggerFactory.getLogger(RequestBody.class);

    private RequestBody() {
    }

    /**
     * Reads and drops what is left of the request body. A request refused before its body was read
     * (bad key, rate limit, a body over the limit) would otherwise leave the client still sending while
     * the server closes the connection: the client sees a reset instead of its 401/413/429, and SDKs
     * retry a reset. Nothing is kept; a body already read (or read as text) ends at once.
     */
    public static void drain(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage http) {
            drain(http.getRequest());
        }
    }

    /** {@link #drain(Exchange)}, for a servlet filter that refuses a request. */
    public static void drain(HttpServletRequest request) {
        try {
            InputStream in = request.getInputStream();
            byte[] sink = new byte[4096];
            long left = DRAIN_LIMIT_BYTES;
            for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the body was read through a Reader: nothing left to drain
        }
    }

    /** The bytes of the body, at most {@code limit + 1}; a body that cannot be read is the client's 400. */
    public static byte[] read(Message message, long limit) {
        Object body = message.getBody();
        try {
            if (body instanceof InputStream in) {
                // a declared length within the limit is read into one array of that size
                long declared = message instanceof PlatformHttpMessage http ? http.getRequest().getContentLengthLong() : -1;
                return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, declared >= 0 && declared <= limit ? declared : limit + 1));
            }
        } catch (IOException e) {
            throw unreadableBody(e);
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return message.getBody(byte[].class);
    }

    /**
     * The 400 for a body the client broke off, stalled past the idle timeout, or framed wrongly (a bogus chunk
     * size): what the server's connection reported while the body was read, anywhere in {@code failure}'s
     * causes. Null when the failure is something else. The client's doing, so a DEBUG line, not an ERROR:
     * one client going away is no operator's problem, and a few hundred of them must not flood the log.
     */
    public static ApiError unreadable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof QuietException || cause instanceof TimeoutException) {
                return unreadableBody(cause);
            }
        }
        return null;
    }

    private static ApiError unreadableBody(Throwable cause) {
        log.debug("The request body could not be read: {}", cause.toString());
        return new ApiError(400, "invalid_request_error", "unreadable_body", null,
                "The request body could not be read: the connection broke or the body was not valid HTTP ("
                        + cause.getClass().getSimpleName() + ").", null);
    }
}
