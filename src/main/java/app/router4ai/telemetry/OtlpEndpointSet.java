package app.router4ai.telemetry;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Tracing is on when an OTLP endpoint is configured the standard way ({@code OTEL_EXPORTER_OTLP_ENDPOINT} or
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, or the same as {@code otel.*} properties) and neither
 * {@code OTEL_SDK_DISABLED=true} nor {@code OTEL_TRACES_EXPORTER=none} turns it off. Without one no tracer is
 * installed at all: the request path runs exactly as without this feature.
 */
class OtlpEndpointSet implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return configured(context.getEnvironment());
    }

    static boolean configured(Environment env) {
        boolean endpoint = hasText(env.getProperty("otel.exporter.otlp.endpoint"))
                || hasText(env.getProperty("otel.exporter.otlp.traces.endpoint"));
        return endpoint && !env.getProperty("otel.sdk.disabled", Boolean.class, false)
                && !"none".equalsIgnoreCase(env.getProperty("otel.traces.exporter", "otlp").trim());
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
