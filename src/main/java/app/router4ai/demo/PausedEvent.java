package app.router4ai.demo;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** One SSE event that makes its reader wait a little first, like tokens arriving from a model. */
final class PausedEvent extends ByteArrayInputStream {

    private long pauseMs;

    PausedEvent(byte[] bytes, long pauseMs) {
        super(bytes);
        this.pauseMs = pauseMs;
    }

    /** A fixture's SSE text as a stream whose events arrive {@code pauseMs} apart. */
    static InputStream paced(String sse, long pauseMs) {
        List<InputStream> events = new ArrayList<>();
        for (String event : sse.split("(?<=\n\n)")) {
            events.add(new PausedEvent(event.getBytes(StandardCharsets.UTF_8), pauseMs));
        }
        return new SequenceInputStream(Collections.enumeration(events));
    }

    /** Answers 200 with a fixture: a JSON body, or with {@code stream} its events paced like a model's tokens. */
    static void answer(Message out, boolean stream, String body) {
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, stream ? "text/event-stream" : "application/json");
        out.setBody(stream ? paced(body, 40) : body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (pauseMs > 0) {
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pauseMs = 0;
        }
        return super.read(b, off, len);
    }
}
