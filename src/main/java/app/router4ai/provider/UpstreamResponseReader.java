package app.router4ai.provider;

import app.router4ai.api.ProviderClientError;
import app.router4ai.call.ApiCall;
import app.router4ai.routing.failover.AttemptPlanner;
import app.router4ai.routing.failover.FailoverPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the provider's answer. Success: a non-streamed body becomes an OpenAI completion (a passed-through
 * one is kept as it came, too); a stream stays an open stream. The provider refusing the request itself:
 * {@link ProviderClientError}, the client sees it (a passed-through refusal as the provider wrote it), and so does a
 * content-policy refusal. Anything else (5xx, 429, our key refused, a prompt over the context window, garbage):
 * {@link ProviderFailure}. Which is which, each provider's wire adapter says ({@link WireAdapter#classify}). A
 * stream is read up to its first content here (see {@link StreamOpening}), so a stream failing before that fails over.
 * No provider header survives this step.
 */
@Component
public class UpstreamResponseReader implements org.apache.camel.Processor {

    private static final Logger log = LoggerFactory.getLogger(UpstreamResponseReader.class);

    private final WireAdapters adapters;
    private final ObjectMapper json;
    private final StreamWatchdog watchdog;
    private final AttemptPlanner planner;

    public UpstreamResponseReader(WireAdapters adapters, ObjectMapper json, StreamWatchdog watchdog, AttemptPlanner planner) {
        this.adapters = adapters;
        this.json = json;
        this.watchdog = watchdog;
        this.planner = planner;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        ApiCall call = ApiCall.of(exchange);
        String provider = call.deployment().providerName();
        WireAdapter adapter = adapters.forWire(call.deployment().provider().wire());
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        long retryAfterMs = retryAfterMillis(message.getHeader("retry-after-ms", String.class),
                message.getHeader("Retry-After", String.class));
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, "", String.class);
        long length = message.getHeader(Exchange.CONTENT_LENGTH, -1L, Long.class);
        message.removeHeaders("*");

        if (status >= 200 && status < 300) {
            if (call.stream()) {
                if (!contentType.startsWith("text/event-stream")) {
                    discard(message);
                    throw new ProviderFailure(provider, "bad_response", "answered a stream request with " + contentType, 0);
                }
                message.setBody(opening(call, adapter, message.getBody(InputStream.class)));
                return;
            }
            byte[] answer = readAll(message, length);
            message.setBody(completion(adapter, call, answer, provider));
            if (call.passThrough()) {
                call.nativeAnswer(answer);   // the client gets the provider's own body; the canonical one keeps the books
            }
            return;
        }
        byte[] body = readAll(message, length);
        UpstreamFault fault = adapter.classify(status, body);
        switch (fault) {
            case CLIENT_ERROR, CONTENT_POLICY ->
                    throw new ProviderClientError(provider, status, call.passThrough() ? body : adapter.clientErrorBody(status, body));
            case CONTEXT_TOO_LONG -> throw ProviderFailure.contextTooLong(provider,
                    new ProviderClientError(provider, status, call.passThrough() ? body : adapter.clientErrorBody(status, body)));
            case KEY_REFUSED -> {
                log.error("Provider {} refused our API key (HTTP {}): check {}", provider, status,
                        call.deployment().provider().keyVariable());
                throw new ProviderFailure(provider, "auth", "HTTP " + status + ", our provider key was refused", 0);
            }
            case RATE_LIMITED -> throw new ProviderFailure(provider, "rate_limited", "HTTP " + status, retryAfterMs);
            case TRANSIENT -> throw new ProviderFailure(provider, status >= 500 ? "http_5xx" : "http_" + status, "HTTP " + status, 0);
        }
    }

    /**
     * A stream up to its first content, under the watchdog: the time to first token runs from the attempt's
     * start, then the idle bound between reads (the routing file's {@code first_token_timeout_ms},
     * {@code idle_timeout_ms}).
     */
    private InputStream opening(ApiCall call, WireAdapter adapter, InputStream body) {
        FailoverPolicy policy = planner.policy(call.deployment());
        long firstTokenMs = Math.min(policy.firstTokenTimeout().toMillis(), Math.max(1, call.failover().millisLeft()));
        StreamWatchdog.Guard guard = watchdog.watch(body, call.deployment().providerName(),
                call.attemptStartNanos() + firstTokenMs * 1_000_000, policy.idleTimeout().toMillis());
        StreamTranslator translator = call.passThrough()
                ? adapter.nativeStreamTranslator(call, call.deployment())
                : adapter.streamTranslator(call.request(), call.deployment());
        return StreamOpening.await(guard, translator, call.deployment().providerName());
    }

    private ObjectNode completion(WireAdapter adapter, ApiCall call, byte[] body, String provider) {
        try {
            JsonNode parsed = json.readTree(body);
            ObjectNode completion = switch (call.surface().operation()) {
                case CHAT -> adapter.response(parsed, call.request(), call.deployment());
                case COMPLETIONS, EMBEDDINGS, MODERATIONS -> adapter.response(call.surface().operation(), parsed, call.request(), call.deployment());
            };
            if (completion.hasNonNull("model")) {
                call.answeringModel(completion.get("model").asText());
            }
            return completion;
        } catch (IOException | RuntimeException e) {
            throw new ProviderFailure(provider, "bad_response", "malformed response body", 0);
        }
    }

    /** The whole answer; with its Content-Length, into one array of that size (not 16 KB chunks copied). */
    private static byte[] readAll(Message message, long length) throws IOException {
        Object body = message.getBody();
        if (body instanceof InputStream in) {
            try (in) {
                return length >= 0 && length < Integer.MAX_VALUE - 8 ? in.readNBytes((int) length) : in.readAllBytes();
            }
        }
        byte[] bytes = message.getBody(byte[].class);
        return bytes == null ? new byte[0] : bytes;
    }

    private static void discard(Message message) throws IOException {
        if (message.getBody() instanceof InputStream in) {
            in.close();
        }
    }

    /**
     * How long a 429 asks us to wait, in milliseconds: {@code retry-after-ms} (Azure, OpenAI), else
     * {@code Retry-After} in seconds (fractions allowed) or as an HTTP date; 0 when it says nothing usable.
     */
    static long retryAfterMillis(String millisHeader, String header) {
        if (millisHeader != null) {
            try {
                return Math.max(0, (long) Math.ceil(Double.parseDouble(millisHeader.trim())));
            } catch (NumberFormatException ignored) {
                // fall back to Retry-After
            }
        }
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, (long) Math.ceil(Double.parseDouble(header.trim()) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                long at = java.time.ZonedDateTime.parse(header.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant().toEpochMilli();
                return Math.max(0, at - System.currentTimeMillis());
            } catch (java.time.format.DateTimeParseException notADate) {
                return 0;
            }
        }
    }
}
