package app.router4ai.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;

/**
 * Reads a provider's stream up to its first content (text, a tool call, a refusal, reasoning) before anything
 * reaches the client, so that whatever goes wrong until then (no first token in time, an error event, a stream
 * that ends empty) still fails over. The bytes read are kept and handed on first: the client's stream is the
 * provider's, unchanged. Costs one extra translation of the opening events.
 */
public final class StreamOpening {

    private StreamOpening() {
    }

    /**
     * The stream to hand on (what was read, then the rest), once the first content came or the stream completed.
     * Throws {@link ProviderFailure} for a stream that failed first.
     */
    public static InputStream await(StreamWatchdog.Guard upstream, StreamTranslator translator, String provider) {
        Recording recording = new Recording(upstream);
        SseReader events = new SseReader(recording);
        try {
            while (true) {
                SseReader.Event event = events.next();
                List<StreamPart> parts = event == null ? translator.onEnd() : translator.onEvent(event.name(), event.data());
                for (StreamPart part : parts) {
                    if (part instanceof StreamPart.Done || part instanceof StreamPart.Chunk chunk && hasContent(chunk.json())) {
                        upstream.contentStarted();
                        return new Opened(recording.bytes(), upstream);
                    }
                    if (part instanceof StreamPart.Failure failure && part != StreamPart.MALFORMED_EVENT) {
                        upstream.abort();
                        throw new ProviderFailure(provider, "stream_error", "stream error before any content: " + failure.message(), 0);
                    }
                }
                if (event == null) {
                    upstream.abort();
                    throw new ProviderFailure(provider, "cut", "the stream ended before any content", 0);
                }
            }
        } catch (IOException e) {
            upstream.abort();
            if (upstream.fired() != null) {
                throw new ProviderFailure(provider, "first_token_timeout", "no first token in time", 0);
            }
            throw ProviderFailure.from(provider, e);
        }
    }

    /** Whether a canonical chunk carries something the client would see. */
    static boolean hasContent(JsonNode chunk) {
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            if (!delta.path("content").asText("").isEmpty() || delta.has("tool_calls") || delta.hasNonNull("refusal")
                    || !delta.path("reasoning_content").asText("").isEmpty() || delta.has("reasoning_details")
                    || choice.hasNonNull("finish_reason")) {
                return true;
            }
        }
        return false;
    }

    /** An opened stream: what was read, then the rest; it can be cut without reading it to its end. */
    public static final class Opened extends SequenceInputStream {

        private final StreamWatchdog.Guard upstream;

        Opened(byte[] read, StreamWatchdog.Guard upstream) {
            super(new ByteArrayInputStream(read), upstream);
            this.upstream = upstream;
        }

        /** Drops the provider's connection (a close would read the rest first, to keep the connection). */
        public void abort() {
            upstream.abort();
        }
    }

    /** Keeps every byte read, for handing the stream on from its start. */
    private static final class Recording extends FilterInputStream {

        private final ByteArrayOutputStream copy = new ByteArrayOutputStream(1024);

        Recording(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                copy.write(b, off, n);
            }
            return n;
        }

        byte[] bytes() {
            return copy.toByteArray();
        }
    }
}
