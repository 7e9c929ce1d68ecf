package app.router4ai.telemetry;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * Traces over OTLP, when an endpoint is configured ({@link OtlpEndpointSet}). The OpenTelemetry SDK reads the
 * standard {@code OTEL_*} variables itself (endpoint, headers, protocol {@code grpc} or {@code http/protobuf},
 * sampler, service name, resource attributes); {@code otel.*} properties of the application's configuration
 * override them. Spans come from Camel's own integration (camel-opentelemetry2): the API route as the server span,
 * the steps worth seeing as processor spans, one client span per provider attempt; the decorators of this package
 * name them and add the GenAI and router attributes.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OtlpEndpointSet.class)
class TracingConfig {

    /**
     * Processors the route steps worth a span carry as {@code id} in the YAML routes; every other processor is
     * left out. Camel names a processor span {@code <id>-<kind>}, and its exclude patterns also see endpoint
     * URIs, which all contain ':' and never match this.
     */
    static final List<String> TRACED_STEPS = List.of("auth", "quota", "rate-limit", "routing", "cache-lookup");

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetrySdk(ConfigurableEnvironment env, ObjectProvider<SpanProcessor> extraProcessors) {
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of(
                        "otel.service.name", env.getProperty("spring.application.name", "router4ai"),
                        // GenAI metrics go to Prometheus beside the others; OTLP carries the traces
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none"))
                .addPropertiesCustomizer(config -> otelProperties(env))
                .addTracerProviderCustomizer((builder, config) -> {
                    extraProcessors.orderedStream().forEach(builder::addSpanProcessor);
                    return builder;
                })
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }

    /** The tracer camel-opentelemetry2 finds in the registry (it looks one up by type before the global one). */
    @Bean
    Tracer camelOtelTracer(OpenTelemetrySdk sdk) {
        return SpanKinds.tracer(sdk.getTracer("app.router4ai"));
    }

    @Bean
    ContextPropagators camelOtelPropagators(OpenTelemetrySdk sdk) {
        return sdk.getPropagators();
    }

    @Bean(initMethod = "", destroyMethod = "")  // Camel runs its lifecycle
    OpenTelemetryTracer camelTracer(CamelContext camelContext, Tracer camelOtelTracer, ContextPropagators propagators) {
        OpenTelemetryTracer tracer = new ExclusionCachingTracer();
        tracer.setTraceProcessors(true);
        tracer.setExcludePatterns(String.join(",",
                // any processor span but the steps worth seeing (see TRACED_STEPS)
                "^(?!(" + String.join("|", TRACED_STEPS) + ")-)[^:]*$",
                // the HTTP call itself: the attempt span around it carries the call (see AttemptSpanDecorator)
                "http:*", "https:*",
                // plumbing between steps, the provider routes' own route spans, the off-path ledger: every direct:
                // endpoint but the attempt sends, the only ones with options (see AttemptSpanDecorator)
                "^direct://[^?]*$"));
        tracer.init(camelContext);
        return tracer;
    }

    /** {@code otel.*} keys of the application's own configuration (and system properties), as the SDK names them. */
    private static Map<String, String> otelProperties(ConfigurableEnvironment env) {
        Map<String, String> props = new HashMap<>();
        for (var source : env.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith("otel.") && !props.containsKey(name)) {
                        String value = env.getProperty(name);
                        if (value != null) {
                            props.put(name, value);
                        }
                    }
                }
            }
        }
        return props;
    }
}
