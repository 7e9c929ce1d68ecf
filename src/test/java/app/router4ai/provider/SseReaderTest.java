package app.router4ai.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Events come out whole however the bytes arrive. */
class SseReaderTest {

    /** Hands out at most {@code step} bytes per read, as a socket might. */
    private static InputStream trickle(String text, int step) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    @Test
    void eventsSplitAcrossReadsLongLinesCrlfCommentsAndMultiByteCharactersComeOutWhole() throws IOException {
        String longData = "x".repeat(5_000) + "é✓";
        String stream = ": keep-alive\r\n\r\nevent: message_start\r\ndata: {\"a\":1}\r\n\r\ndata: " + longData
                + "\n\ndata: one\ndata: two\n\nid: 7\nretry: 100\ndata: [DONE]";
        for (int step : new int[] {1, 3, 1024, 100_000}) {
            try (SseReader reader = new SseReader(trickle(stream, step))) {
                assertThat(reader.next()).isEqualTo(new SseReader.Event("message_start", "{\"a\":1}"));
                assertThat(reader.next()).isEqualTo(new SseReader.Event(null, longData));
                assertThat(reader.next()).isEqualTo(new SseReader.Event(null, "one\ntwo"));
                assertThat(reader.next()).as("the last event, without its blank line").isEqualTo(new SseReader.Event(null, "[DONE]"));
                assertThat(reader.next()).isNull();
            }
        }
    }
}
