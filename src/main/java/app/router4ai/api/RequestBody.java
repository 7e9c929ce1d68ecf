package app.router4ai.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Message;

/**
 * The bytes of a request body, read straight from the servlet stream platform-http hands over.
 * (Camel's generic conversion went through a Reader with a 16 KB buffer per request: a quarter of the
 * bytes the request path allocated.) Reads at most {@code limit + 1} bytes, so an oversized body is
 * recognised without being read whole.
 */
public final class RequestBody {

    private RequestBody() {
    }

    public static byte[] read(Message message, long limit) {
        Object body = message.getBody();
        try {
            if (body instanceof InputStream in) {
                return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
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
