package app.router4ai.chat;

import app.router4ai.billing.ProviderUsageCheck;
import app.router4ai.call.ApiCall;
import app.router4ai.call.StreamEncoder;
import app.router4ai.call.Usage;
import app.router4ai.call.UsageEstimate;
import app.router4ai.provider.SseReader;
import app.router4ai.provider.StreamOpening;
import app.router4ai.provider.StreamContinuation;
import app.router4ai.provider.StreamPart;
import app.router4ai.provider.StreamTranslator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Metrics;
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

    private SseReader upstream;
    private InputStream upstreamBody;
    private StreamTranslator translator;
    private final StreamEncoder encoder;
    private final ApiCall call;
    private final Function<Usage, java.math.BigDecimal> pricing;
    private final Consumer<ApiCall> onFinish;
    private final Consumer<ObjectNode> onCompleted;
    private final CompletionAssembler assembler;
    private final AtomicBoolean finished = new AtomicBoolean();
    private UsageEstimate estimate = new UsageEstimate();
    private Rescuer rescuer;
    private final StringBuilder delivered = new StringBuilder();
    private boolean toolCalls;
    private String streamId;
    private boolean continuing;
    private boolean switched;
    private Replay replay;
    private Usage carried;
    private java.math.BigDecimal carriedCost = java.math.BigDecimal.ZERO;
    private final ProviderUsageCheck usageCheck;

    private List<StreamPart> opening;   // parts of the opening events, translated by the provider route, not yet handled
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
        this.upstreamBody = upstream;
        StreamOpening.Resumed resumed = upstream instanceof StreamOpening.Opened opened ? opened.resume(translator) : null;
        if (resumed != null) {   // go on where the provider route's opening left off: its events are not read twice
            this.upstream = resumed.events();
            this.translator = resumed.translator();
            this.opening = resumed.parts();
        } else {
            this.upstream = new SseReader(upstream);
            this.translator = translator;
        }
        this.encoder = encoder;
        this.call = call;
        this.pricing = pricing;
        this.onFinish = onFinish;
        this.onCompleted = onCompleted;
        this.assembler = onCompleted == null ? null : new CompletionAssembler(json);
    }

    /** Who may continue this stream at another provider when it breaks after content reached the client. */
    public interface Rescuer {

        /** The continuation, or null when no candidate continues it. */
        StreamContinuation rescue(String delivered, String why);
    }

    /** Lets a broken stream go on at another provider (mid-stream rescue); without it, a break is an error event. */
    public void rescueWith(Rescuer rescuer) {
        this.rescuer = rescuer;
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
        if (opening != null) {
            List<StreamPart> parts = opening;
            opening = null;
            handleAll(parts, out);
        }
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
            handleAll(event == null ? translator.onEnd() : translator.onEvent(event.name(), event.data()), out);
            if (event == null && !ended && !switched && !rescue(broke ? "the stream broke off mid-answer" : "the stream ended mid-answer")) {
                fail(out, broke ? "The provider's stream broke off before it finished." : "The provider's stream ended before it finished.",
                        "server_error", "stream_interrupted");
            }
        }
        return out.toByteArray();
    }

    /** One event's parts in order, until the stream ends or switches to another provider. */
    private void handleAll(List<StreamPart> parts, java.io.ByteArrayOutputStream out) throws IOException {
        switched = false;
        for (StreamPart part : parts) {
            handle(part, out);
            if (ended || switched) {
                break;
            }
        }
    }

    private void handle(StreamPart part, java.io.ByteArrayOutputStream out) throws IOException {
        switch (part) {
            case StreamPart.Chunk chunk -> handleChunk(chunk.json(), out);
            case StreamPart.Native event -> encoder.nativeEvent(event.event(), event.data(), out);
            case StreamPart.Done done -> complete(out);
            case StreamPart.Failure failure when failure == StreamPart.MALFORMED_EVENT -> skipMalformed();
            case StreamPart.Failure failure -> {
                if (!rescue("an error event mid-answer: " + failure.message())) {
                    fail(out, failure.message(), failure.type(), failure.code());
                }
            }
        }
    }

    /**
     * An event that is not JSON (a proxy rewrote the body, a byte went astray): skipped, logged and counted. If the
     * stream then completes, the answer stands; if it does not, the end of the stream says so as always.
     */
    private void skipMalformed() {
        String provider = call.deployment() == null ? "unknown" : call.deployment().providerName();
        log.warn("Request {}: {} sent a malformed stream event; skipped", call.requestId(), provider);
        Metrics.counter("router.stream.malformed_events", "provider", provider).increment();
    }

    /**
     * Mid-stream rescue: the answer goes on at another provider, which got the text delivered so far as a prefill,
     * or which started it again from the original request (then its repeat of that text is held back, see
     * {@link Replay}). Not for a stream that was calling a tool (arguments cut mid-way cannot be stitched), nor before any text.
     * The broken attempt's tokens (the router's estimate: it sent no usage) are carried into the one usage chunk.
     */
    private boolean rescue(String why) {
        if (rescuer == null || toolCalls || delivered.isEmpty() || usage != null) {
            return false;
        }
        Usage broken = estimate.estimate(call.request());
        java.math.BigDecimal brokenCost = pricing.apply(broken);   // at the broken attempt's model, before the switch
        StreamContinuation next;
        try {
            next = rescuer.rescue(delivered.toString(), why);
        } catch (RuntimeException e) {
            log.warn("Request {}: rescuing its broken stream failed: {}", call.requestId(), e.toString());
            next = null;
        }
        if (next == null) {
            return false;
        }
        closeUpstream();
        upstream = new SseReader(next.upstream());
        upstreamBody = next.upstream();
        replay = next.restarted() ? new Replay(next.replay()) : null;
        translator = next.translator();
        estimate = new UsageEstimate();
        carried = carried == null ? broken : carried.plus(broken);
        carriedCost = carriedCost.add(brokenCost);
        continuing = true;
        switched = true;
        return true;
    }

    private void handleChunk(ObjectNode chunk, java.io.ByteArrayOutputStream out) throws IOException {
        if (continuing) {
            stitch(chunk);
        } else if (streamId == null && chunk.hasNonNull("id")) {
            streamId = chunk.get("id").asText();
        }
        estimate.add(chunk);   // a restarted attempt's tokens count whole, the text held back included
        if (replay != null && !splice(chunk, out)) {
            return;
        }
        track(chunk);
        if (assembler != null) {
            assembler.add(chunk);
        }
        if (call.answeringModel() == null && chunk.hasNonNull("model")) {
            call.answeringModel(chunk.get("model").asText());
        }
        if (isUsageChunk(chunk)) {
            usage = Usage.fromOpenAi(chunk.get("usage"));
            if (carried != null) {
                billBoth(chunk);
            }
            settle();
            encoder.usage(chunk, out);
            return;
        }
        encoder.chunk(chunk, out);
    }

    /**
     * A restarted stream's chunk against the text the client already has: false when it is not to be sent (held
     * back, or the restarted answer diverged: then the client gets the clean error event and the restart is cut).
     */
    private boolean splice(ObjectNode chunk, java.io.ByteArrayOutputStream out) throws IOException {
        switch (replay.take(chunk)) {
            case PASS -> {
                if (replay.caughtUp() && !isUsageChunk(chunk)) {
                    replay = null;
                }
                return true;
            }
            case HOLD -> {
                return false;
            }
            default -> {
                log.info("Request {}: the restarted answer differs from the text already sent; ending the stream",
                        call.requestId());
                Metrics.counter("router.stream.restarts_diverged").increment();
                failRestart(out);
                return false;
            }
        }
    }

    private void complete(java.io.ByteArrayOutputStream out) throws IOException {
        if (replay != null && !replay.caughtUp()) {
            // the restarted answer ended before it caught up with the text already sent: never a truncated success
            failRestart(out);
            return;
        }
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
        Usage reported = usage == null || usageCheck == null ? usage
                : usageCheck.vetted(call, usage, () -> estimate.estimate(call.request()));
        Usage known = reported != null ? reported : estimate.estimate(call.request());
        if (carried != null && reported == null) {
            known = carried.plus(known);
        }
        Usage own = carried == null ? known : new Usage(known.promptTokens() - carried.promptTokens(),
                known.completionTokens() - carried.completionTokens(), known.cachedTokens() - carried.cachedTokens(),
                known.cacheWriteTokens() - carried.cacheWriteTokens());
        call.settle(known, carriedCost.add(pricing.apply(own)));
    }

    /** A continuation's chunk as part of the first stream: its id, and no second role. */
    private void stitch(ObjectNode chunk) {
        if (streamId != null) {
            chunk.put("id", streamId);
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("delta") instanceof ObjectNode delta) {
                delta.remove("role");
            }
        }
    }

    /** The text the client got so far (choice 0), and whether the stream was calling a tool. */
    private void track(ObjectNode chunk) {
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            if (delta.has("tool_calls")) {
                toolCalls = true;
            }
            if (rescuer != null && choice.path("index").asInt(0) == 0 && delta.path("content").isTextual()) {
                delivered.append(delta.get("content").asText());
            }
        }
    }

    /** The one usage chunk of a rescued stream bills the tokens of both attempts. */
    private void billBoth(ObjectNode chunk) {
        usage = carried.plus(usage);
        ObjectNode u = (ObjectNode) chunk.get("usage");
        u.put("prompt_tokens", usage.promptTokens());
        u.put("completion_tokens", usage.completionTokens());
        u.put("total_tokens", usage.totalTokens());
        if (u.path("prompt_tokens_details") instanceof ObjectNode details) {
            details.put("cached_tokens", usage.cachedTokens());
        }
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
                    } else if (part instanceof StreamPart.Done || part instanceof StreamPart.Failure && part != StreamPart.MALFORMED_EVENT) {
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

    /** A restart that could not be spliced: cut it, and the client gets the clean error event of a broken stream. */
    private void failRestart(java.io.ByteArrayOutputStream out) throws IOException {
        abortUpstream();
        fail(out, "The provider's stream broke off before it finished, and the answer could not be completed.",
                "server_error", "stream_interrupted");
    }

    /** Cuts the provider's stream without reading it to its end (a plain close would). */
    private void abortUpstream() {
        if (upstreamBody instanceof app.router4ai.provider.StreamOpening.Opened opened) {
            opened.abort();
        }
    }

    private void closeUpstream() {
        try {
            upstream.close();
        } catch (IOException e) {
            log.debug("Closing the upstream stream failed: {}", e.toString());
        }
    }
}
