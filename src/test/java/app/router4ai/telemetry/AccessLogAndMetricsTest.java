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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tracing off (no OTLP endpoint), the JSON access log on: one line per API request with the fields an operator
 * searches by, the request id in the log context of the lines written while it is handled, and the GenAI metrics
 * in Prometheus beside the router's own.
 */
@AutoConfigureObservability(tracing = false)
class AccessLogAndMetricsTest extends RouterTest {

    private static final FakeProvider DEEPSEEK = new FakeProvider(RouterTest::defaultAnswer);
    private static final String MINI = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"secret-prompt\"}]}";

    @Autowired
    ProviderHealth health;

    @Autowired
    ApplicationContext context;

    @Autowired
    CamelContext camel;

    TenantKey tenant;

    @DynamicPropertySource
    static void accessLog(DynamicPropertyRegistry registry) {
        registry.add("router.access-log.enabled", () -> "true");
        registry.add("router.providers.deepseek.base-url", () -> DEEPSEEK.url() + "/v1");
    }

    @BeforeEach
    void fresh() {
        DEEPSEEK.reset(RouterTest::defaultAnswer);
        health.reset();
        tenant = newTenantKey();
    }

    @Test
    void withoutAnEndpointNoTracerIsInstalled() {
        assertThat(context.getBeanNamesForType(org.apache.camel.opentelemetry2.OpenTelemetryTracer.class)).isEmpty();
        assertThat(camel.hasService(org.apache.camel.telemetry.Tracer.class)).isNull();
        assertThat(chat(tenant.key(), MINI, "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .statusCode()).isEqualTo(200);
        assertThat(OPENAI.last().headers().get("traceparent"))
                .as("the client's trace context still reaches the provider").isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    @Test
    void aRequestThatFailedOverIsOneJsonLine() {
        OPENAI.enqueue(FakeResponse.json(503, OpenAiFixtures.error("upstream trouble", "server_error", null, null)));
        OPENAI.enqueue(FakeResponse.json(503, OpenAiFixtures.error("upstream trouble", "server_error", null, null)));   // its retry
        try (LogCapture logs = new LogCapture()) {
            HttpResponse<String> response = chat(tenant.key(), MINI);
            assertThat(response.statusCode()).isEqualTo(200);
            String requestId = readJson(response.body()).at("/_ram/request_id").asText();

            JsonNode line = accessLine(logs, requestId);
            assertThat(line.get("tenant_id").asText()).isEqualTo(tenant.tenantId());
            assertThat(line.get("key_id").asText()).isEqualTo(tenant.keyId());
            assertThat(line.get("surface").asText()).isEqualTo("chat");
            assertThat(line.get("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(line.get("provider").asText()).isEqualTo("deepseek");
            assertThat(line.get("tier").asText()).isEqualTo("fast");
            assertThat(line.get("attempts").asInt()).as("the attempt, its retry, the fallback").isEqualTo(3);
            assertThat(line.get("failover_count").asInt()).isEqualTo(1);
            assertThat(line.get("status").asInt()).isEqualTo(200);
            assertThat(line.get("latency_ms").asLong()).isNotNegative();
            assertThat(line.get("ttft_ms").asLong()).isNotNegative();
            assertThat(line.get("input_tokens").asLong()).isPositive();
            assertThat(line.get("output_tokens").asLong()).isPositive();
            assertThat(line.get("cost_usd").decimalValue()).isPositive();
            assertThat(line.get("cache_hit").asBoolean()).isFalse();
            assertThat(line.has("trace_id")).as("tracing is off").isFalse();
            assertThat(line.toString()).doesNotContain(tenant.key()).doesNotContain("secret-prompt");

            // the failover's warning, written while the request was handled, carries its id
            ILoggingEvent warning = logs.events().stream()
                    .filter(e -> e.getLoggerName().endsWith("AttemptFailed") && e.getFormattedMessage().contains(requestId))
                    .findFirst().orElseThrow();
            assertThat(warning.getMDCPropertyMap()).containsEntry(CallEnd.MDC_REQUEST_ID, requestId);
        }
    }

    @Test
    void aStreamIsLoggedWhenItEndsAndARefusalToo() {
        try (LogCapture logs = new LogCapture()) {
            HttpResponse<String> stream = chat(tenant.key(),
                    "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            assertThat(stream.statusCode()).isEqualTo(200);
            String requestId = stream.headers().firstValue("x-request-id").orElseThrow();
            JsonNode line = accessLine(logs, requestId);
            assertThat(line.get("stream").asBoolean()).isTrue();
            assertThat(line.get("provider").asText()).isEqualTo("openai");
            assertThat(line.get("attempts").asInt()).isEqualTo(1);
            assertThat(line.get("output_tokens").asLong()).isPositive();

            HttpResponse<String> refused = chat("ram_live_not-a-key", MINI);
            assertThat(refused.statusCode()).isEqualTo(401);
            JsonNode refusal = accessLine(logs, refused.headers().firstValue("x-request-id").orElseThrow());
            assertThat(refusal.get("status").asInt()).isEqualTo(401);
            assertThat(refusal.get("attempts").asInt()).isZero();
        }
    }

    @Test
    void genAiMetricsAreInPrometheus() {
        OPENAI.enqueue(FakeResponse.json(503, OpenAiFixtures.error("upstream trouble", "server_error", null, null)));
        OPENAI.enqueue(FakeResponse.json(503, OpenAiFixtures.error("upstream trouble", "server_error", null, null)));   // its retry
        assertThat(chat(tenant.key(), MINI).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = send("GET", "/actuator/prometheus", null, null).body();
            assertThat(metrics)
                    .containsPattern("gen_ai_client_token_usage_tokens_count\\{[^}]*gen_ai_provider_name=\"deepseek\"[^}]*gen_ai_token_type=\"input\"[^}]*outcome=\"success\"[^}]*ram_tier=\"fast\"")
                    .containsPattern("gen_ai_client_operation_duration_seconds_count\\{[^}]*gen_ai_provider_name=\"openai\"[^}]*gen_ai_request_model=\"gpt-4o-mini\"[^}]*outcome=\"failed\"")
                    .containsPattern("gen_ai_client_operation_duration_seconds_count\\{[^}]*gen_ai_provider_name=\"deepseek\"[^}]*outcome=\"success\"");
        });
    }

    private static JsonNode accessLine(LogCapture logs, String requestId) {
        List<ILoggingEvent> lines = await().atMost(Duration.ofSeconds(15)).until(() -> logs.events().stream()
                .filter(e -> e.getLoggerName().equals(AccessLog.LOGGER) && e.getFormattedMessage().contains(requestId))
                .toList(), found -> !found.isEmpty());
        assertThat(lines).as("one line per request").hasSize(1);
        return readJson(lines.get(0).getFormattedMessage());
    }
}
