package app.router4ai.chat;

import app.router4ai.billing.ProviderUsageCheck;
import app.router4ai.call.ApiCall;
import app.router4ai.call.StreamEncoder;
import app.router4ai.call.Usage;
import app.router4ai.call.UsageEstimate;
import app.router4ai.provider.SseReader;
import app.router4ai.provider.StreamPart;
import app.router4ai.provider.StreamTranslator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a streamed answer: reads the provider's events as they come, turns them into canonical
 * parts (the provider's {@link StreamTranslator}), keeps the books, and hands each part to the client's
 * {@link StreamEncoder}, which writes it in the surface's format at once. The router always asks for
 * usage, so the call is settled with the provider's own count when it comes (an estimate when it never
 * does). When the stream ends, however it ends (done, provider error, cut, client gone), {@code onFinish}
 * runs once.
 */
public final class ChatStream extends InputStream {

    private static final Logger log = LoggerFactory.getLogger(ChatStream.class);

    private final SseReader upstream;
    private final StreamTranslator translator;
    private final StreamEncoder encoder;
    private final ApiCall call;
    private final Function<Usage, java.math.BigDecimal> pricing;
    private final Consumer<ApiCall> onFinish;
    private final Consumer<ObjectNode> onCompleted;
    private final CompletionAssembler assembler;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final UsageEstimate estimate = new UsageEstimate();
    private final ProviderUsageCheck usageCheck;

    private byte[] pending = new byte[0];
    private int pendingPos;
    private boolean ended;
    private Usage usage;

    /** {@code onCompleted}, when not null, gets the completion a stream that ended properly amounted to (for the cache). */
    public ChatStream(InputStream upstream, StreamTranslator translator, StreamEncoder encoder, ApiCall call,
                      ObjectMapper json, Function<Usage, java.math.BigDecimal> pricing, Consumer<ApiCall> onFinish,
                      Consumer<ObjectNode> onCompleted) {
        this(upstream, translator, encoder, call, json, pricing, onFinish, onCompleted, null);
    }

    /** {@code usageCheck}, when not null, vets the provider's reported usage before it is billed. */
    public ChatStream(InputStream upstream, StreamTranslator translator, StreamEncoder encoder, ApiCall call,
                      ObjectMapper json, Function<Usage, java.math.BigDecimal> pricing, Consumer<ApiCall> onFinish,
                      Consumer<ObjectNode> onCompleted, ProviderUsageCheck usageCheck) {
        this.usageCheck = usageCheck;
        this.upstream = new SseReader(upstream);
        this.translator = translator;
        this.encoder = encoder;
        this.call = call;
        this.pricing = pricing;
        this.onFinish = onFinish;
        this.onCompleted = onCompleted;
        this.assembler = onCompleted == null ? null : new CompletionAssembler(json);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (pendingPos >= pending.length) {
            if (ended) {
                return -1;
            }
            pending = nextEvents();
            pendingPos = 0;
        }
        int n = Math.min(length, pending.length - pendingPos);
        System.arraycopy(pending, pendingPos, buffer, offset, n);
        pendingPos += n;
        return n;
    }

    @Override
    public int available() {
        return pending.length - pendingPos;
    }

    /** Reads upstream until there is something to send the client (or the stream is over). */
    private byte[] nextEvents() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(512);
        while (out.size() == 0 && !ended) {
            SseReader.Event event = null;
            boolean broke = false;
            try {
                event = upstream.next();
            } catch (IOException e) {
                log.debug("Upstream stream of {} broke: {}", call.requestId(), e.toString());
                broke = true;
            }
            // At the end of the body, or when the connection broke, the translator says whether the answer was whole.
            List<StreamPart> parts = event == null ? translator.onEnd() : translator.onEvent(event.name(), event.data());
            for (StreamPart part : parts) {
                handle(part, out);
                if (ended) {
                    break;
                }
            }
            if (event == null && !ended) {
                fail(out, broke ? "The provider's stream broke off before it finished." : "The provider's stream ended before it finished.",
                        "server_error", "stream_interrupted");
            }
        }
        return out.toByteArray();
    }

    private void handle(StreamPart part, java.io.ByteArrayOutputStream out) throws IOException {
        switch (part) {
            case StreamPart.Chunk chunk -> handleChunk(chunk.json(), out);
            case StreamPart.Native event -> encoder.nativeEvent(event.event(), event.data(), out);
            case StreamPart.Done done -> complete(out);
            case StreamPart.Failure failure -> fail(out, failure.message(), failure.type(), failure.code());
        }
    }

    private void handleChunk(ObjectNode chunk, java.io.ByteArrayOutputStream out) throws IOException {
        if (assembler != null) {
            assembler.add(chunk);
        }
        estimate.add(chunk);
        if (call.answeringModel() == null && chunk.hasNonNull("model")) {
            call.answeringModel(chunk.get("model").asText());
        }
        if (isUsageChunk(chunk)) {
            usage = Usage.fromOpenAi(chunk.get("usage"));
            settle();
            encoder.usage(chunk, out);
            return;
        }
        encoder.chunk(chunk, out);
    }

    private void complete(java.io.ByteArrayOutputStream out) throws IOException {
        if (usage == null) {
            settle();
        }
        encoder.done(out);
        if (assembler != null) {
            onCompleted.accept(assembler.completion());
        }
        finish();
    }

    private void fail(java.io.ByteArrayOutputStream out, String message, String type, String code) throws IOException {
        if (usage == null) {
            settle();
        }
        encoder.failure(message, type, code, out);
        finish();
    }

    private void settle() {
        Usage known = usage == null ? estimate.estimate(call.request())
                : usageCheck == null ? usage : usageCheck.vetted(call, usage, () -> estimate.estimate(call.request()));
        call.settle(known, pricing.apply(known));
    }

    private void finish() {
        ended = true;
        if (finished.compareAndSet(false, true)) {
            closeUpstream();
            onFinish.accept(call);
        }
    }

    /**
     * The client went away, or the server is done writing. If the provider's stream is not over, it is read to
     * its end (the provider goes on generating, and charging, either way) so the row bills what the provider
     * actually produced — its usage chunk comes last. This happens on the closing thread (a virtual thread),
     * before Camel's unit of work ends and releases the upstream connection. A provider that never reports
     * usage is billed what was known (nothing).
     */
    @Override
    public void close() {
        ended = true;
        if (finished.compareAndSet(false, true)) {
            if (usage == null) {
                drainThenFinish();
                return;
            }
            closeUpstream();
            onFinish.accept(call);
        }
    }

    private void drainThenFinish() {
        try {
            boolean over = false;
            while (!over && usage == null) {
                SseReader.Event event = null;
                try {
                    event = upstream.next();
                } catch (IOException e) {
                    log.debug("Draining the abandoned stream of {} stopped: {}", call.requestId(), e.toString());
                }
                over = event == null;
                for (StreamPart part : over ? translator.onEnd() : translator.onEvent(event.name(), event.data())) {
                    if (part instanceof StreamPart.Chunk chunk) {
                        estimate.add(chunk.json());
                        if (isUsageChunk(chunk.json())) {
                            usage = Usage.fromOpenAi(chunk.json().get("usage"));
                        }
                    } else if (part instanceof StreamPart.Done || part instanceof StreamPart.Failure) {
                        over = true;
                    }
                }
            }
        } catch (RuntimeException e) {
            log.debug("Draining the abandoned stream of {} stopped: {}", call.requestId(), e.toString());
        } finally {
            settle();
            closeUpstream();
            onFinish.accept(call);
        }
    }

    /** The closing chunk that carries the provider's count: usage and no choices. */
    private static boolean isUsageChunk(ObjectNode chunk) {
        JsonNode choices = chunk.get("choices");
        return chunk.hasNonNull("usage") && (choices == null || choices.isEmpty());
    }

    private void closeUpstream() {
        try {
            upstream.close();
        } catch (IOException e) {
            log.debug("Closing the upstream stream failed: {}", e.toString());
        }
    }
}
