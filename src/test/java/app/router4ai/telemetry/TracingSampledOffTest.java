package app.router4ai.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RouterTest;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An endpoint, but the sampler (OTEL_TRACES_SAMPLER=always_off) keeps nothing: no span is recorded or sent. */
class TracingSampledOffTest extends RouterTest {

    static final OtlpReceiver COLLECTOR = new OtlpReceiver();
    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

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
        registry.add("otel.traces.sampler", () -> "always_off");
    }

    @Test
    void samplingOffRecordsNoSpans() throws InterruptedException {
        TenantKey tenant = newTenantKey();
        assertThat(chat(tenant.key(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").statusCode()).isEqualTo(200);
        Thread.sleep(1_000);   // several export intervals: nothing is waiting to go out

        assertThat(SPANS.getFinishedSpanItems()).isEmpty();
        assertThat(COLLECTOR.received()).isEmpty();
    }
}
