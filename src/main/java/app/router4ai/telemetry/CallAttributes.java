package app.router4ai.telemetry;

import app.router4ai.call.ApiCall;
import app.router4ai.provider.ProviderFailure;
import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.camel.Exchange;

/**
 * What the spans say about a call, in GenAI convention names and the router's own {@code ram.*}. Only ids,
 * models, counts and outcomes: never a key, never prompt or answer text.
 */
final class CallAttributes {

    private CallAttributes() {
    }

    /** On an attempt span as it starts (string tags: Camel's span is not current yet). */
    static void ofAttemptStart(ApiCall call, BiConsumer<String, String> tag) {
        tag.accept(GenAi.OPERATION, GenAi.operation(call));
        tag.accept(GenAi.PROVIDER, GenAi.provider(call.deployment().providerName()));
        tag.accept(GenAi.REQUEST_MODEL, call.deployment().model().providerModel());
        tag.accept("ram.tier", call.deployment().tier());
        tag.accept("ram.model", call.deployment().model().id());
    }

    /** On an attempt span as it ends: its outcome, and for a whole answer what the provider said it was. */
    static void ofAttemptEnd(ApiCall call, Exchange exchange) {
        Span span = Span.current();
        if (!span.isRecording()) {   // not sampled: nothing would be kept
            return;
        }
        Throwable failure = exchange.getException();
        // the candidate's place in the order (the ones before it were called and failed, or skipped)
        span.setAttribute("ram.attempt", call.attempts().size() + 1);
        if (failure != null) {
            span.setAttribute(GenAi.ERROR_TYPE, failure instanceof ProviderFailure || failure instanceof java.io.IOException
                    ? ProviderFailure.from(call.deployment().providerName(), failure).kind() : failure.getClass().getSimpleName());
            span.setAttribute("ram.outcome", "failed");
            return;
        }
        span.setAttribute("ram.outcome", "answered");
        if (exchange.getMessage().getBody() instanceof JsonNode answer) {
            response(answer, span);
        }
    }

    /** On the server span as the request's route ends. */
    static void ofCall(ApiCall call, Exchange exchange) {
        Span span = Span.current();
        if (!span.isRecording()) {
            return;
        }
        span.setAttribute(GenAi.OPERATION, GenAi.operation(call));
        if (call.requestedModel() != null) {
            span.setAttribute(GenAi.REQUEST_MODEL, call.requestedModel());
        }
        span.setAttribute("ram.request_id", call.requestId());
        if (call.caller() != null) {
            span.setAttribute("ram.tenant_id", call.caller().tenantId());
            span.setAttribute("ram.key_id", call.caller().keyId());
        }
        span.setAttribute("ram.failover_count", call.failoverCount());
        span.setAttribute("ram.cache_hit", call.cacheHit());
        span.setAttribute("ram.stream", call.stream());
        if (call.deployment() != null) {
            span.setAttribute(GenAi.PROVIDER, GenAi.provider(call.deployment().providerName()));
            span.setAttribute("ram.tier", call.deployment().tier());
        }
        if (call.answeringModel() != null) {
            span.setAttribute(GenAi.RESPONSE_MODEL, call.answeringModel());
        }
        if (call.ttftMs() >= 0) {
            span.setAttribute("ram.ttft_ms", call.ttftMs());
        }
        if (call.usage().promptTokens() > 0 || call.usage().completionTokens() > 0) {
            span.setAttribute(GenAi.INPUT_TOKENS, call.usage().promptTokens());
            span.setAttribute(GenAi.OUTPUT_TOKENS, call.usage().completionTokens());
            span.setAttribute("ram.cost_usd", call.costCents().movePointLeft(2).doubleValue());
        }
        if (exchange.getException() != null) {
            span.setAttribute(GenAi.ERROR_TYPE, exchange.getException().getClass().getSimpleName());
        }
    }

    /** An OpenAI-shaped answer's id, model, finish reasons and usage. */
    private static void response(JsonNode answer, Span span) {
        if (answer.hasNonNull("id")) {
            span.setAttribute(GenAi.RESPONSE_ID, answer.get("id").asText());
        }
        if (answer.hasNonNull("model")) {
            span.setAttribute(GenAi.RESPONSE_MODEL, answer.get("model").asText());
        }
        List<String> reasons = new ArrayList<>();
        answer.path("choices").forEach(choice -> {
            if (choice.hasNonNull("finish_reason")) {
                reasons.add(choice.get("finish_reason").asText());
            }
        });
        if (!reasons.isEmpty()) {
            span.setAttribute(AttributeKey.stringArrayKey(GenAi.FINISH_REASONS), reasons);
        }
        JsonNode usage = answer.path("usage");
        if (usage.has("prompt_tokens")) {
            span.setAttribute(GenAi.INPUT_TOKENS, usage.path("prompt_tokens").asLong());
        }
        if (usage.has("completion_tokens")) {
            span.setAttribute(GenAi.OUTPUT_TOKENS, usage.path("completion_tokens").asLong());
        }
    }
}
