package app.router4ai.telemetry;

import app.router4ai.call.ApiCall;
import app.router4ai.call.Attempt;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    // Each series looked up by a small key instead of a meter builder and registry lookup per request and meter:
    // the series are few (operation x provider x model x tier x outcome, all from the routing file).
    private final Map<Series, Timer> durations = new ConcurrentHashMap<>();
    private final Map<Series, Timer> firstChunks = new ConcurrentHashMap<>();
    private final Map<Series, DistributionSummary> inputTokens = new ConcurrentHashMap<>();
    private final Map<Series, DistributionSummary> outputTokens = new ConcurrentHashMap<>();

    public GenAiMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void finished(ApiCall call, int status) {
        for (Attempt attempt : call.attempts()) {
            if (!attempt.skipped()) {
                String outcome = Attempt.HEDGE_LOST.equals(attempt.outcome()) ? Attempt.HEDGE_LOST : "failed";
                record(durations.computeIfAbsent(series(call, attempt.provider(), attempt.model(), outcome), this::duration),
                        attempt.ms());
            }
        }
        if (call.deployment() == null) {
            return;   // refused before routing (key, quota, rate limit, a bad body): not a model operation
        }
        String outcome = status >= 400 ? "error" : call.cacheHit() ? "cache_hit" : "success";
        Series series = series(call, call.deployment().providerName(), call.deployment().model().id(), outcome);
        record(durations.computeIfAbsent(series, this::duration), CallEnd.latencyMs(call));
        if (call.stream() && call.ttftMs() >= 0) {
            record(firstChunks.computeIfAbsent(series, this::firstChunk), call.ttftMs());
        }
        if (call.usage().promptTokens() > 0) {
            inputTokens.computeIfAbsent(series, s -> tokens(s, "input")).record(call.usage().promptTokens());
        }
        if (call.usage().completionTokens() > 0) {
            outputTokens.computeIfAbsent(series, s -> tokens(s, "output")).record(call.usage().completionTokens());
        }
    }

    private static void record(Timer timer, long ms) {
        timer.record(Duration.ofMillis(ms));
    }

    private Timer duration(Series series) {
        return Timer.builder("gen_ai.client.operation.duration").description("GenAI operation duration")
                .tags(series.tags()).register(meters);
    }

    private Timer firstChunk(Series series) {
        return Timer.builder("gen_ai.client.operation.time_to_first_chunk").description("Time to the answer's first chunk")
                .tags(series.tags()).register(meters);
    }

    private DistributionSummary tokens(Series series, String type) {
        return DistributionSummary.builder("gen_ai.client.token.usage").baseUnit("tokens")
                .description("Input and output tokens used").serviceLevelObjectives(TOKEN_BUCKETS)
                .tags(series.tags().and("gen_ai.token.type", type)).register(meters);
    }

    private static Series series(ApiCall call, String provider, String model, String outcome) {
        return new Series(GenAi.operation(call), provider, model,
                call.deployment() != null ? call.deployment().tier() : "none", outcome);
    }

    /** The labels of one series. */
    private record Series(String operation, String provider, String model, String tier, String outcome) {
        Tags tags() {
            return Tags.of(GenAi.OPERATION, operation, GenAi.PROVIDER, GenAi.provider(provider), GenAi.REQUEST_MODEL, model,
                    "ram.tier", tier, "outcome", outcome);
        }
    }
}
