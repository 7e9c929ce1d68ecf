package app.router4ai.requestlog;

import app.router4ai.call.ApiCall;
import app.router4ai.call.Attempt;
import app.router4ai.requestlog.RequestLogEntry.AttemptView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What the request log adds to a request's ledger line: time to first token, trace id and the attempts. An answered
 * request's log line is its ledger row (usage_records carries these), so it costs no second row.
 */
public record RequestTrace(Long ttftMs, String traceId, List<AttemptView> attempts) {

    static final int ATTEMPTS_LIMIT = 8000;
    private static final int REASON_LIMIT = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The trace of a call that ended with this status. */
    public static RequestTrace of(ApiCall call, int status) {
        return new RequestTrace(call.ttftMs() >= 0 ? call.ttftMs() : null, call.traceId(), attempts(call, status));
    }

    /** The attempts as the log's JSON column holds them (an empty list if they would not fit). */
    public String attemptsJson() {
        try {
            String text = JSON.writeValueAsString(attempts);
            return text.length() <= ATTEMPTS_LIMIT ? text : "[]";
        } catch (JsonProcessingException e) {
            return "[]";
        }
    }

    private static List<AttemptView> attempts(ApiCall call, int status) {
        List<AttemptView> attempts = new ArrayList<>();
        for (Attempt a : call.attempts()) {
            attempts.add(new AttemptView(a.provider(), a.model(), a.outcome(), a.ms(), shorten(a.reason())));
        }
        if (call.deployment() != null && !call.cacheHit() && call.answeredAttemptMs() >= 0) {
            attempts.add(new AttemptView(call.deployment().providerName(), call.deployment().model().id(),
                    status < 400 ? "answered" : "refused", call.answeredAttemptMs(), null));
        }
        return attempts;
    }

    private static String shorten(String reason) {
        return reason == null || reason.length() <= REASON_LIMIT ? reason : reason.substring(0, REASON_LIMIT);
    }
}
