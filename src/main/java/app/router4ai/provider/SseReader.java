package app.router4ai.provider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events one at a time, as they arrive (no read-ahead past the event's blank line
 * beyond what the socket already delivered). Comments and {@code id:}/{@code retry:} fields are skipped.
 */
public final class SseReader implements AutoCloseable {

    /** One event: its {@code event:} name (null if none) and its data lines joined by '\n'. */
    public record Event(String name, String data) {
    }

    private final BufferedReader lines;

    public SseReader(InputStream in) {
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 8192);
    }

    /** The next event, or null at the end of the stream. */
    public Event next() throws IOException {
        String name = null;
        StringBuilder data = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name, data.toString());
                }
                name = null;
                continue;
            }
            if (line.startsWith(":")) {
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

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
