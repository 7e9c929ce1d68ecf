package app.router4ai.provider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads server-sent events one at a time, as they arrive: a read returns what the socket has, never
 * waits to fill a buffer. Works on bytes with one small buffer that grows only for a longer line, because
 * an open stream holds it for minutes: a Reader stack (8 K chars + 8 KB per stream) was most of the
 * heap of thousands of open streams. Lines end with LF (CRLF too); comments and {@code id:}/{@code retry:}
 * fields are skipped.
 */
public final class SseReader implements AutoCloseable {

    /** One event: its {@code event:} name (null if none) and its data lines joined by '\n'. */
    public record Event(String name, String data) {
    }

    private final InputStream in;
    private byte[] buffer = new byte[1024];
    private int start;
    private int end;
    private int scanned;

    public SseReader(InputStream in) {
        this.in = in;
    }

    /** The next event, or null at the end of the stream. */
    public Event next() throws IOException {
        String name = null;
        StringBuilder data = null;
        String line;
        while ((line = readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name, data.toString());
                }
                name = null;
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else if (field.equals("event")) {
                name = value;
            }
        }
        return data != null ? new Event(name, data.toString()) : null;
    }

    private String readLine() throws IOException {
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buffer, start, lineEnd - start, StandardCharsets.UTF_8);
                    start = i + 1;
                    scanned = start;
                    return line;
                }
            }
            scanned = end;
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                scanned -= start;
                start = 0;
            }
            if (end == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                if (end > start) {
                    String line = new String(buffer, start, end - start, StandardCharsets.UTF_8);
                    start = end;
                    scanned = end;
                    return line;
                }
                return null;
            }
            end += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
