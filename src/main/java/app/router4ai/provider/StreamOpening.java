package app.router4ai.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
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
        List<StreamPart> seen = new ArrayList<>();
        try {
            while (true) {
                SseReader.Event event = events.next();
                List<StreamPart> parts = event == null ? translator.onEnd() : translator.onEvent(event.name(), event.data());
                seen.addAll(parts);
                for (StreamPart part : parts) {
                    if (part instanceof StreamPart.Done || part instanceof StreamPart.Chunk chunk && hasContent(chunk.json())) {
                        upstream.contentStarted();
                        return new Opened(recording, upstream, new Resumed(events, translator, seen));
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

    /**
     * Where the opening left off, for a reader that speaks the same translation ({@code ChatStream}): the events'
     * reader, positioned after the last event read, the translator in the state those events left it, and the parts
     * they gave, not yet handled. Taking it over spares translating the opening events a second time.
     */
    public record Resumed(SseReader events, StreamTranslator translator, List<StreamPart> parts) {
    }

    /**
     * An opened stream: what was read, then the rest, for a reader of bytes; or, once, its {@link #resume} for a
     * reader of events (then not both). It can be cut without reading it to its end.
     */
    public static final class Opened extends SequenceInputStream {

        private final StreamWatchdog.Guard upstream;
        private final Recording recording;
        private Resumed resumed;

        Opened(Recording recording, StreamWatchdog.Guard upstream, Resumed resumed) {
            super(new ByteArrayInputStream(recording.bytes()), upstream);
            this.upstream = upstream;
            this.recording = recording;
            this.resumed = resumed;
        }

        /** The opening's events as read, for a reader with the same translator; null if taken or not that translator. */
        public Resumed resume(StreamTranslator same) {
            Resumed taken = resumed;
            if (taken == null || same == null || taken.translator().getClass() != same.getClass()) {
                return null;
            }
            resumed = null;
            recording.stop();   // the bytes are no longer replayed: stop keeping them
            return taken;
        }

        /** Drops the provider's connection (a close would read the rest first, to keep the connection). */
        public void abort() {
            upstream.abort();
        }
    }

    /** Keeps every byte read, for handing the stream on from its start. */
    private static final class Recording extends FilterInputStream {

        private final ByteArrayOutputStream copy = new ByteArrayOutputStream(1024);
        private boolean recording = true;

        Recording(InputStream in) {
            super(in);
        }

        void stop() {
            recording = false;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && recording) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && recording) {
                copy.write(b, off, n);
            }
            return n;
        }

        byte[] bytes() {
            return copy.toByteArray();
        }
    }
}
