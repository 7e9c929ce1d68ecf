package app.router4ai.telemetry;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;

/**
 * Gives Camel's spans their kind. camel-opentelemetry2 starts every span as INTERNAL; the span decorators of
 * this package name the kind of the span they are about to name ({@link #next}), and the tracer Camel is given
 * ({@link #tracer}) applies it when Camel builds that span, right after, on the same thread.
 */
final class SpanKinds {

    private static final ThreadLocal<SpanKind> NEXT = new ThreadLocal<>();

    private SpanKinds() {
    }

    /** The span Camel starts next on this thread is of this kind. */
    static void next(SpanKind kind) {
        NEXT.set(kind);
    }

    /** A tracer that starts each span with the kind named for it, else INTERNAL. */
    static Tracer tracer(Tracer delegate) {
        return new Tracer() {
            @Override
            public SpanBuilder spanBuilder(String name) {
                SpanKind kind = NEXT.get();
                SpanBuilder builder = delegate.spanBuilder(name);
                if (kind != null) {
                    NEXT.remove();
                    builder.setSpanKind(kind);
                }
                return builder;
            }
        };
    }
}
