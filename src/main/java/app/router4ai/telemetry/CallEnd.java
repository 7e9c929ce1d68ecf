package app.router4ai.telemetry;

import app.router4ai.call.ApiCall;
import app.router4ai.requestlog.RequestLogWriter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The end of an API request, once per request: the GenAI metrics, the access-log line and the dashboard's request
 * log. Registered on each
 * request's exchange when the call opens ({@link #opened}); a successful stream ends later than its exchange, when
 * its last event is written, and is finished from there ({@link #streamEnded}). While the request is handled, the
 * log lines of its thread carry {@code request_id} and, with tracing on, {@code trace_id} (MDC).
 */
@Component
public class CallEnd extends SynchronizationAdapter {

    public static final String MDC_REQUEST_ID = "request_id";
    public static final String MDC_TRACE_ID = "trace_id";

    private final GenAiMetrics metrics;
    private final AccessLog accessLog;
    private final RequestLogWriter requestLog;

    CallEnd(GenAiMetrics metrics, AccessLog accessLog, RequestLogWriter requestLog) {
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.requestLog = requestLog;
    }

    /** The call was opened on this exchange: its ids into the log context, its end to be recorded. */
    public void opened(ApiCall call, Exchange exchange) {
        MDC.put(MDC_REQUEST_ID, call.requestId());
        String traceId = traceId();
        if (traceId != null) {
            MDC.put(MDC_TRACE_ID, traceId);
            call.traceId(traceId);
        }
        exchange.getExchangeExtension().addOnCompletion(this);
    }

    @Override
    public void onDone(Exchange exchange) {
        try {
            ApiCall call = ApiCall.of(exchange);
            if (call == null) {
                return;
            }
            int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
            if (exchange.getException() != null && status < 400) {
                status = 500;
            }
            if (status < 400 && call.stream() && !call.cacheHit() && call.deployment() != null) {
                return;   // a stream being written: finished when it ends
            }
            finished(call, status);
        } finally {
            MDC.remove(MDC_REQUEST_ID);
            MDC.remove(MDC_TRACE_ID);
        }
    }

    /** A streamed answer's last event was written (or the stream was cut): it was answered with 200. */
    public void streamEnded(ApiCall call) {
        finished(call, 200);
    }

    private void finished(ApiCall call, int status) {
        metrics.finished(call, status);
        accessLog.write(call, status, call.traceId());
        requestLog.record(call, status, latencyMs(call));
    }

    /** Providers called, the answering one included (skipped candidates are not calls). */
    static int calledAttempts(ApiCall call) {
        int failed = (int) call.attempts().stream().filter(a -> !a.skipped()).count();
        return call.cacheHit() || call.ttftMs() < 0 ? failed : failed + 1;
    }

    /** How long the request took: settled with its usage, else until now. */
    static long latencyMs(ApiCall call) {
        return call.latencyMs() > 0 ? call.latencyMs() : call.elapsedMs();
    }

    /** The current span's trace id while a sampled trace is being recorded, else null (tracing off costs nothing). */
    private static String traceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() && context.isSampled() ? context.getTraceId() : null;
    }
}
