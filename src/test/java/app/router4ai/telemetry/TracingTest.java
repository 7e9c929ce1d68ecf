package app.router4ai.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.provider.ProviderHealth;
import app.router4ai.support.LogCapture;
import app.router4ai.support.RouterTest;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tracing on (an OTLP endpoint configured the standard way, here as {@code otel.*} properties): a request that
 * fails over once (after its one retry) gives a server span continued from the client's {@code traceparent} and a client span for each of its three attempts, one
 * per attempt, in GenAI convention names; the provider gets the trace context; no key and no prompt text is in
 * any span. The spans are read with the SDK's in-memory exporter beside the OTLP one, which sends to a local
 * receiver.
 */
class TracingTest extends RouterTest {

    static final OtlpReceiver COLLECTOR = new OtlpReceiver();
    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static final FakeProvider DEEPSEEK = new FakeProvider(RouterTest::defaultAnswer);
    private static final String PROMPT = "zebra-prompt-text-that-must-not-leak";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN_ID = "00f067aa0ba902b7";

    @Autowired
    ProviderHealth health;

    @TestConfiguration
    static class InMemorySpans {
        @Bean
        SpanProcessor inMemorySpans() {
            return SimpleSpanProcessor.create(SPANS);
        }
    }

    @DynamicPropertySource
    static void tracing(DynamicPropertyRegistry registry) {
        registry.add("otel.exporter.otlp.endpoint", COLLECTOR::url);
        registry.add("otel.exporter.otlp.protocol", () -> "http/protobuf");
        registry.add("otel.bsp.schedule.delay", () -> "100");
        registry.add("router.providers.deepseek.base-url", () -> DEEPSEEK.url() + "/v1");
        registry.add("router.access-log.enabled", () -> "true");
    }

    @BeforeEach
    void fresh() {
        DEEPSEEK.reset(RouterTest::defaultAnswer);
        health.reset();
        SPANS.reset();
    }

    @Test
    void aRequestThatFailedOverOnceIsOneTraceWithAServerSpanAndASpanPerAttempt() {
        TenantKey tenant = newTenantKey();
        OPENAI.enqueue(FakeResponse.json(503, OpenAiFixtures.error("upstream trouble", "server_error", null, null)));
        OPENAI.enqueue(FakeResponse.json(503, OpenAiFixtures.error("upstream trouble", "server_error", null, null)));   // its retry

        HttpResponse<String> response;
        List<ILoggingEvent> logged;
        try (LogCapture logs = new LogCapture()) {
            response = chat(tenant.key(),
                    "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}",
                    "traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01");
            await().atMost(Duration.ofSeconds(15)).until(() -> logs.events().stream()
                    .anyMatch(e -> e.getLoggerName().equals(AccessLog.LOGGER)));
            logged = logs.events();
        }

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode ram = readJson(response.body()).get("_ram");
        assertThat(ram.get("provider_used").asText()).isEqualTo("deepseek");
        assertThat(ram.get("failover_count").asInt()).isEqualTo(1);

        SpanData server = await().atMost(Duration.ofSeconds(20)).until(() -> serverSpan(ram.get("request_id").asText()),
                span -> span != null);
        assertThat(server.getName()).isEqualTo("POST /v1/chat/completions");
        assertThat(server.getTraceId()).as("continued from the client's traceparent").isEqualTo(TRACE_ID);
        assertThat(server.getParentSpanId()).isEqualTo(CLIENT_SPAN_ID);
        assertThat(attr(server, "gen_ai.operation.name")).isEqualTo("chat");
        assertThat(attr(server, "gen_ai.request.model")).isEqualTo("gpt-4o-mini");
        assertThat(attr(server, "gen_ai.provider.name")).isEqualTo("deepseek");
        assertThat(attr(server, "gen_ai.response.model")).isEqualTo("deepseek-chat");
        assertThat(attr(server, "ram.tier")).isEqualTo("fast");
        assertThat(server.getAttributes().get(AttributeKey.longKey("ram.failover_count"))).isEqualTo(1L);
        assertThat(server.getAttributes().get(AttributeKey.booleanKey("ram.cache_hit"))).isFalse();
        assertThat(server.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isPositive();
        assertThat(server.getAttributes().get(AttributeKey.doubleKey("ram.cost_usd"))).isNotNull();
        assertThat(attr(server, "ram.tenant_id")).isEqualTo(tenant.tenantId());
        assertThat(attr(server, "ram.key_id")).isEqualTo(tenant.keyId());

        List<SpanData> attempts = SPANS.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(TRACE_ID) && span.getKind() == SpanKind.CLIENT)
                .sorted(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
        assertThat(attempts).as("the attempt, its retry, the fallback").hasSize(3);
        SpanData failed = attempts.get(0);
        assertThat(failed.getName()).isEqualTo("chat gpt-4o-mini");
        assertThat(attr(failed, "gen_ai.provider.name")).isEqualTo("openai");
        assertThat(attr(failed, "gen_ai.request.model")).isEqualTo("gpt-4o-mini");
        assertThat(attr(failed, "error.type")).isEqualTo("http_5xx");
        assertThat(attr(failed, "ram.outcome")).isEqualTo("failed");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getAttributes().get(AttributeKey.longKey("ram.attempt"))).isEqualTo(1L);
        SpanData answered = attempts.get(2);
        assertThat(answered.getName()).isEqualTo("chat deepseek-chat");
        assertThat(attr(answered, "gen_ai.provider.name")).isEqualTo("deepseek");
        assertThat(attr(answered, "ram.outcome")).isEqualTo("answered");
        assertThat(answered.getAttributes().get(AttributeKey.longKey("ram.attempt"))).isEqualTo(3L);
        assertThat(attr(answered, "gen_ai.response.model")).isEqualTo("deepseek-chat");
        assertThat(attr(answered, "gen_ai.response.id")).isNotBlank();
        assertThat(answered.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"))).containsExactly("stop");
        assertThat(answered.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isPositive();
        assertThat(answered.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.getParentSpanId()).isNotEqualTo(CLIENT_SPAN_ID));

        // the trace context reached each provider, naming the attempt's span
        assertThat(OPENAI.last().headers().get("traceparent")).isEqualTo("00-" + TRACE_ID + "-" + attempts.get(1).getSpanId() + "-01");
        assertThat(DEEPSEEK.last().headers().get("traceparent")).isEqualTo("00-" + TRACE_ID + "-" + answered.getSpanId() + "-01");

        // the steps worth seeing are spans of the same trace
        List<String> names = SPANS.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(TRACE_ID))
                .map(SpanData::getName).toList();
        assertThat(names).as("and nothing else: no plumbing between routes, no span per processor")
                .containsExactlyInAnyOrder("POST /v1/chat/completions", "auth-process", "quota-process", "rate-limit-process",
                        "routing-process", "cache-lookup-process", "chat gpt-4o-mini", "chat gpt-4o-mini", "chat deepseek-chat");

        // never a key, never the prompt
        String everything = SPANS.getFinishedSpanItems().toString();
        assertThat(everything).doesNotContain(tenant.key()).doesNotContain(OPENAI_KEY)
                .doesNotContain("sk-test-deepseek-provider-secret").doesNotContain(PROMPT);

        // the trace id is in the log lines written while the request was handled, and in its access-log line
        assertThat(logged.stream().filter(e -> e.getLoggerName().endsWith("AttemptFailed")).findFirst().orElseThrow()
                .getMDCPropertyMap()).containsEntry(CallEnd.MDC_TRACE_ID, TRACE_ID);
        assertThat(logged.stream().filter(e -> e.getLoggerName().equals(AccessLog.LOGGER)).findFirst().orElseThrow()
                .getFormattedMessage()).contains("\"trace_id\":\"" + TRACE_ID + "\"");

        // and they went out over OTLP/HTTP
        await().atMost(Duration.ofSeconds(20)).until(() -> !COLLECTOR.received().isEmpty());
        assertThat(COLLECTOR.received().get(0)).isEqualTo("POST /v1/traces application/x-protobuf");
    }

    @Test
    void aStreamIsTracedToo() {
        TenantKey tenant = newTenantKey();
        HttpResponse<String> response = chat(tenant.key(),
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();

        SpanData server = await().atMost(Duration.ofSeconds(20)).until(() -> serverSpan(requestId), span -> span != null);
        assertThat(server.getAttributes().get(AttributeKey.booleanKey("ram.stream"))).isTrue();
        assertThat(server.getAttributes().get(AttributeKey.longKey("ram.ttft_ms"))).isNotNegative();
        SpanData attempt = SPANS.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(server.getTraceId()) && span.getKind() == SpanKind.CLIENT)
                .findFirst().orElseThrow();
        assertThat(attempt.getName()).isEqualTo("chat gpt-4o-mini");
        assertThat(attr(attempt, "ram.outcome")).isEqualTo("answered");
        assertThat(OPENAI.last().headers().get("traceparent")).contains(attempt.getSpanId());
    }

    private static SpanData serverSpan(String requestId) {
        return SPANS.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER && requestId.equals(attr(span, "ram.request_id")))
                .findFirst().orElse(null);
    }

    private static String attr(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }
}
