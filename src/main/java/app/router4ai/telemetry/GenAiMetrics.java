package app.router4ai.telemetry;

import app.router4ai.call.ApiCall;
import app.router4ai.call.Attempt;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The OpenTelemetry GenAI client metrics, beside the router's other Prometheus ones: tokens
 * ({@code gen_ai_client_token_usage}), duration ({@code gen_ai_client_operation_duration_seconds}, each failed
 * attempt too) and, for streams, time to the first chunk ({@code gen_ai_client_operation_time_to_first_chunk_seconds}),
 * labelled by operation, provider, model, tier and outcome ({@code success}, {@code cache_hit}, {@code error},
 * {@code failed} for an attempt that failed over).
 */
@Component
public class GenAiMetrics {

    private static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576};

    private final MeterRegistry meters;

    public GenAiMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void finished(ApiCall call, int status) {
        for (Attempt attempt : call.attempts()) {
            if (!attempt.skipped()) {
                duration(tags(call, attempt.provider(), attempt.model(),
                        Attempt.HEDGE_LOST.equals(attempt.outcome()) ? Attempt.HEDGE_LOST : "failed"), attempt.ms());
            }
        }
        if (call.deployment() == null) {
            return;   // refused before routing (key, quota, rate limit, a bad body): not a model operation
        }
        String outcome = status >= 400 ? "error" : call.cacheHit() ? "cache_hit" : "success";
        Tags tags = tags(call, call.deployment().providerName(), call.deployment().model().id(), outcome);
        duration(tags, CallEnd.latencyMs(call));
        if (call.stream() && call.ttftMs() >= 0) {
            Timer.builder("gen_ai.client.operation.time_to_first_chunk").description("Time to the answer's first chunk")
                    .tags(tags).register(meters).record(Duration.ofMillis(call.ttftMs()));
        }
        tokens(tags.and("gen_ai.token.type", "input"), call.usage().promptTokens());
        tokens(tags.and("gen_ai.token.type", "output"), call.usage().completionTokens());
    }

    private void duration(Tags tags, long ms) {
        Timer.builder("gen_ai.client.operation.duration").description("GenAI operation duration")
                .tags(tags).register(meters).record(Duration.ofMillis(ms));
    }

    private void tokens(Tags tags, long count) {
        if (count > 0) {
            DistributionSummary.builder("gen_ai.client.token.usage").baseUnit("tokens")
                    .description("Input and output tokens used").serviceLevelObjectives(TOKEN_BUCKETS)
                    .tags(tags).register(meters).record(count);
        }
    }

    private static Tags tags(ApiCall call, String provider, String model, String outcome) {
        return Tags.of(GenAi.OPERATION, GenAi.operation(call), GenAi.PROVIDER, GenAi.provider(provider),
                GenAi.REQUEST_MODEL, model, "ram.tier", call.deployment() != null ? call.deployment().tier() : "none",
                "outcome", outcome);
    }
}
