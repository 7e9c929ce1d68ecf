package app.router4ai.idempotency;

import app.router4ai.api.ApiError;
import app.router4ai.api.Headers;
import app.router4ai.call.ApiCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} on a POST under /v1/, once the request is admitted and read: the first request with a key
 * claims it in the database (shared by every instance); a later one from the same workspace within
 * {@code router.idempotency.ttl} gets the first answer again, as it was sent (a stream replayed as the same
 * stream), with no provider call and no ledger row. The same key with another body, or while the first request is
 * still being answered, is a 409 (no waiting: the client retries). A failed request frees its key.
 */
@Component
public class IdempotencyGate implements org.apache.camel.Processor {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "x-ram-idempotent-replay";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyGate.class);
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyStore store;
    private final IdempotencySettings settings;
    private final Clock clock;

    public IdempotencyGate(IdempotencyStore store, IdempotencySettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        String key = exchange.getMessage().getHeader(HEADER, String.class);
        if (key == null) {
            return;
        }
        if (!VALID.matcher(key).matches()) {
            throw ApiError.invalidRequest(HEADER, "The Idempotency-Key header must be 1 to 255 visible ASCII characters.");
        }
        ApiCall call = ApiCall.of(exchange);
        String tenantId = call.caller().tenantId();
        String hash = hash(call);
        IdempotencyStore.Entry held = store.claim(tenantId, key, hash, clock.instant());
        if (held == null) {
            IdempotentAnswer answer = new IdempotentAnswer(tenantId, key, (int) settings.maxAnswerSize().toBytes());
            exchange.setProperty(IdempotentAnswer.PROPERTY, answer);
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    settle(answer);
                }
            });
            return;
        }
        if (!held.requestHash().equals(hash)) {
            throw conflict("idempotency_key_reused", "The Idempotency-Key '" + key + "' was used for a different request "
                    + "in the last " + settings.ttl().toHours() + " hours; use a new key for a new request.");
        }
        if (!held.done()) {
            throw conflict("idempotency_request_in_progress", "A request with the Idempotency-Key '" + key
                    + "' is still being answered; retry once it has finished to get its answer.");
        }
        replay(exchange, call, held);
    }

    private void replay(Exchange exchange, ApiCall call, IdempotencyStore.Entry held) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, held.contentType());
        if (held.contentType() != null && held.contentType().startsWith("text/event-stream")) {
            out.setHeader("Cache-Control", "no-cache");
        } else {
            out.setHeader(Exchange.HTTP_CHUNKED, false);
        }
        out.setHeader(Headers.REQUEST_ID, call.requestId());
        out.setHeader(REPLAYED, "true");
        out.setBody(held.answer().getBytes(StandardCharsets.UTF_8));
        exchange.setRouteStop(true);
    }

    /** The exchange ended: its answer is kept for retries, or, when there is none to keep, the key is free again. */
    private void settle(IdempotentAnswer answer) {
        try {
            String text = answer.answer();
            if (text != null) {
                store.complete(answer.tenantId, answer.key, answer.contentType(), text);
            } else {
                store.release(answer.tenantId, answer.key);
            }
        } catch (RuntimeException e) {
            log.warn("Could not settle Idempotency-Key {} of tenant {} (it frees itself after {}): {}", answer.key,
                    answer.tenantId, settings.abandonedAfter(), e.getMessage());
        }
    }

    private static ApiError conflict(String code, String message) {
        return new ApiError(409, "invalid_request_error", code, HEADER, message, Map.of("x-should-retry", "false"));
    }

    /** The request as the client sent it, with its endpoint: the same key for another request is refused. */
    private static String hash(ApiCall call) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(call.path().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(call.clientBody().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
