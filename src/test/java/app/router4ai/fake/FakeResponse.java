package app.router4ai.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fake provider answers to one request: a status, headers, and a body that is either written
 * at once or as a list of pieces spaced in time (SSE events). {@code cutAfter} drops the connection
 * after that many pieces, without the end of the stream.
 */
public record FakeResponse(int status, Map<String, String> headers, List<byte[]> pieces, long delayMs,
                           long spacingMs, int cutAfter, int pauseAfter, long pauseMs) {

    /** Status of a response that is never sent: the connection is dropped before any byte (a reset). */
    public static final int DROPPED = -1;

    public FakeResponse(int status, Map<String, String> headers, List<byte[]> pieces, long delayMs, long spacingMs, int cutAfter) {
        this(status, headers, pieces, delayMs, spacingMs, cutAfter, -1, 0);
    }

    /** The connection is closed after the request is read, before the status line: a reset before headers. */
    public static FakeResponse dropped() {
        return new FakeResponse(DROPPED, Map.of(), List.of(), 0, 0, -1);
    }

    public static FakeResponse json(int status, String body) {
        return new FakeResponse(status, Map.of("Content-Type", "application/json"),
                List.of(body.getBytes(StandardCharsets.UTF_8)), 0, 0, -1);
    }

    public static FakeResponse raw(int status, String contentType, String body) {
        return new FakeResponse(status, Map.of("Content-Type", contentType),
                List.of(body.getBytes(StandardCharsets.UTF_8)), 0, 0, -1);
    }

    /** SSE: each event is sent as written (include the trailing blank line), one at a time. */
    public static FakeResponse sse(List<String> events) {
        List<byte[]> pieces = new ArrayList<>();
        events.forEach(e -> pieces.add(e.getBytes(StandardCharsets.UTF_8)));
        return new FakeResponse(200, Map.of("Content-Type", "text/event-stream"), pieces, 0, 0, -1);
    }

    /**
     * SSE from one string (as the fixtures write whole streams): split into events at blank lines, each
     * sent with its blank line as one piece, so {@link #spaced} and {@link #cutAfter} work per event.
     */
    public static FakeResponse sseText(String sse) {
        List<String> events = new ArrayList<>();
        int start = 0;
        int end;
        while ((end = sse.indexOf("\n\n", start)) >= 0) {
            events.add(sse.substring(start, end + 2));
            start = end + 2;
        }
        if (start < sse.length()) {
            events.add(sse.substring(start));
        }
        return sse(events);
    }

    public FakeResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new FakeResponse(status, h, pieces, delayMs, spacingMs, cutAfter, pauseAfter, pauseMs);
    }

    /** Wait this long before the status line (time to first byte). */
    public FakeResponse delayed(long ms) {
        return new FakeResponse(status, headers, pieces, ms, spacingMs, cutAfter, pauseAfter, pauseMs);
    }

    /** Wait this long between body pieces. */
    public FakeResponse spaced(long ms) {
        return new FakeResponse(status, headers, pieces, delayMs, ms, cutAfter, pauseAfter, pauseMs);
    }

    /** Close the connection after {@code n} pieces, mid-body. */
    public FakeResponse cutAfter(int n) {
        return new FakeResponse(status, headers, pieces, delayMs, spacingMs, n, pauseAfter, pauseMs);
    }

    /**
     * After the headers and {@code n} pieces, go silent for {@code ms} (0 pieces: a slow first token; more: a stalled
     * stream), then go on.
     */
    public FakeResponse pausedAfter(int n, long ms) {
        return new FakeResponse(status, headers, pieces, delayMs, spacingMs, cutAfter, n, ms);
    }
}
