package app.router4ai.dashboard;

import app.router4ai.requestlog.RequestLogEntry;
import app.router4ai.requestlog.RequestLogSearch;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** One request of the request log: every attempt with its outcome and latency, its {@code _ram}, its trace id. */
@Controller
class RequestDetailController {

    private final RequestLogSearch requestLog;
    private final ObjectMapper json;

    RequestDetailController(RequestLogSearch requestLog, ObjectMapper json) {
        this.requestLog = requestLog;
        this.json = json;
    }

    @GetMapping("/app/usage/requests/{requestId}")
    String detail(@AuthenticationPrincipal SignedInUser user, @PathVariable String requestId, Model model)
            throws JsonProcessingException {
        RequestLogEntry entry = requestLog.find(user.tenantId(), requestId).orElseThrow(DashboardModel.NotFound::new);
        model.addAttribute("nav", "usage");
        model.addAttribute("r", entry);
        model.addAttribute("ram", json.writerWithDefaultPrettyPrinter().writeValueAsString(ram(entry)));
        return "request";
    }

    /** The request's {@code _ram} as its response carried it (an answered request's; a refused one had none). */
    private ObjectNode ram(RequestLogEntry r) {
        ObjectNode ram = json.createObjectNode();
        ram.put("tier", r.tier());
        ram.put("provider_used", r.provider());
        ram.put("failover_count", r.failoverCount());
        ram.put("latency_ms", r.latencyMs());
        ram.put("cost_billed_cents_usd", r.costCents());
        ram.put("cache_hit", r.cacheHit());
        ram.put("request_id", r.requestId());
        if (r.failoverCount() > 0 || r.attempts().size() > 1) {
            ArrayNode attempts = ram.putArray("attempts");
            r.attempts().forEach(a -> {
                ObjectNode attempt = attempts.addObject().put("provider", a.provider()).put("model", a.model())
                        .put("outcome", a.outcome()).put("ms", a.ms());
                if (a.reason() != null) {
                    attempt.put("reason", a.reason());
                }
            });
        }
        return ram;
    }
}
