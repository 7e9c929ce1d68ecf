package app.router4ai.provider;

import app.router4ai.api.ProviderClientError;
import app.router4ai.call.ApiCall;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the provider's answer. Success: a non-streamed body becomes an OpenAI completion (a passed-through
 * one is kept as it came, too); a stream stays an open stream. The provider refusing the request itself:
 * {@link ProviderClientError}, the client sees it (a passed-through refusal as the provider wrote it). Anything else (5xx, 429, our key refused, garbage): {@link ProviderFailure}.
 * No provider header survives this step.
 */
@Component
public class UpstreamResponseReader implements org.apache.camel.Processor {

    private static final Logger log = LoggerFactory.getLogger(UpstreamResponseReader.class);
    private static final Set<Integer> CLIENT_ERRORS = Set.of(400, 404, 409, 413, 415, 422);

    private final WireAdapters adapters;
    private final ObjectMapper json;

    public UpstreamResponseReader(WireAdapters adapters, ObjectMapper json) {
        this.adapters = adapters;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        ApiCall call = ApiCall.of(exchange);
        String provider = call.deployment().providerName();
        WireAdapter adapter = adapters.forWire(call.deployment().provider().wire());
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String retryAfter = message.getHeader("Retry-After", String.class);
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, "", String.class);
        long length = message.getHeader(Exchange.CONTENT_LENGTH, -1L, Long.class);
        message.removeHeaders("*");

        if (status >= 200 && status < 300) {
            if (call.stream()) {
                if (!contentType.startsWith("text/event-stream")) {
                    discard(message);
                    throw new ProviderFailure(provider, "bad_response", "answered a stream request with " + contentType, 0);
                }
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
        boolean keyRefused = status == 401 || status == 403 || adapter.refusedOurKey(status, body);
        if (CLIENT_ERRORS.contains(status) && !keyRefused) {
            throw new ProviderClientError(provider, status, call.passThrough() ? body : adapter.clientErrorBody(status, body));
        }
        if (keyRefused) {
            log.error("Provider {} refused our API key (HTTP {}): check {}", provider, status,
                    call.deployment().provider().keyVariable());
            throw new ProviderFailure(provider, "auth", "HTTP " + status + ", our provider key was refused", 0);
        }
        if (status == 429) {
            throw new ProviderFailure(provider, "rate_limited", "HTTP 429", retryAfterSeconds(retryAfter));
        }
        throw new ProviderFailure(provider, status >= 500 ? "http_5xx" : "http_" + status, "HTTP " + status, 0);
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

    /** A 429's Retry-After in whole seconds (at least 1); providers send seconds, rarely an HTTP date. */
    static long retryAfterSeconds(String header) {
        if (header != null) {
            try {
                return Math.max(1, (long) Math.ceil(Double.parseDouble(header.trim())));
            } catch (NumberFormatException ignored) {
                // An HTTP date: cool down briefly rather than parse calendars on the hot path.
            }
        }
        return 1;
    }
}
