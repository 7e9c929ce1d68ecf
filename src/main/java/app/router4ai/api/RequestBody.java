package app.router4ai.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * The bytes of a request body, read straight from the servlet stream platform-http hands over.
 * (Camel's generic conversion went through a Reader with a 16 KB buffer per request: a quarter of the
 * bytes the request path allocated.) Reads at most {@code limit + 1} bytes, so an oversized body is
 * recognised without being read whole.
 */
public final class RequestBody {

    /** Past this much unread body, the connection is given up instead (the client then sees it reset). */
    static final long DRAIN_LIMIT_BYTES = 64L << 20;

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

    public static byte[] read(Message message, long limit) {
        Object body = message.getBody();
        try {
            if (body instanceof InputStream in) {
                // a declared length within the limit is read into one array of that size
                long declared = message instanceof PlatformHttpMessage http ? http.getRequest().getContentLengthLong() : -1;
                return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, declared >= 0 && declared <= limit ? declared : limit + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return message.getBody(byte[].class);
    }
}
