package app.router4ai.dashboard;

import app.router4ai.auth.ApiKeyService;
import app.router4ai.auth.StoredKey;
import app.router4ai.billing.UsageReport;
import app.router4ai.billing.UsageReports;
import app.router4ai.requestlog.RequestLogFilter;
import app.router4ai.requestlog.RequestLogPage;
import app.router4ai.requestlog.RequestLogSearch;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The Usage page: a period's tokens and cost per day (chart and table), per model, and the request log of the
 * period — searchable by key, model, provider, status, failovers and cache hits, a page at a time.
 */
@Controller
class UsageController {

    static final int DEFAULT_DAYS = 30;

    private final UsageReports reports;
    private final RequestLogSearch requestLog;
    private final ApiKeyService keys;

    UsageController(UsageReports reports, RequestLogSearch requestLog, ApiKeyService keys) {
        this.reports = reports;
        this.requestLog = requestLog;
        this.keys = keys;
    }

    @GetMapping("/app/usage")
    String usage(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String from,
                 @RequestParam(required = false) String to, RequestLogFilter filter, HttpServletRequest request,
                 Model model) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate end = parse(to, today);
        LocalDate start = parse(from, end.minusDays(DEFAULT_DAYS - 1));
        if (start.isAfter(end) || start.plusDays(UsageReports.MAX_DAYS).isBefore(end.plusDays(1))) {
            model.addAttribute("periodError", "Pick a start on or before the end, at most " + UsageReports.MAX_DAYS
                    + " days apart. Showing the last " + DEFAULT_DAYS + " days instead.");
            end = today;
            start = today.minusDays(DEFAULT_DAYS - 1);
        }
        // The log's key filter narrows the period's totals, chart and models too (one of the workspace's keys only).
        List<StoredKey> workspaceKeys = keys.list(user.tenantId());
        String keyId = workspaceKeys.stream().map(StoredKey::id).filter(id -> id.equals(filter.key())).findFirst().orElse(null);
        UsageReport report = reports.report(user.tenantId(), keyId, start, end);
        model.addAttribute("nav", "usage");
        model.addAttribute("report", report);
        RequestLogPage log = requestLog.search(user.tenantId(), start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), filter);
        model.addAttribute("log", log);
        model.addAttribute("filter", filter);
        model.addAttribute("keys", workspaceKeys);
        model.addAttribute("providers", requestLog.providers(user.tenantId()));
        model.addAttribute("newerUrl", log.hasPrevious() ? pageUrl(request, log.page() - 1) : null);
        model.addAttribute("olderUrl", log.hasNext() ? pageUrl(request, log.page() + 1) : null);
        model.addAttribute("chart", report.byDay().stream().map(day -> new ChartDay(day.date().toString(),
                day.totals().promptTokens(), day.totals().completionTokens(), day.totals().costCents().movePointLeft(2)))
                .toList());
        return "usage";
    }

    /** One bar of the chart: the JSON the page's script reads. */
    record ChartDay(String date, long prompt, long completion, java.math.BigDecimal usd) {
    }

    /** This page with the same period and filters, another page of the log. */
    private static String pageUrl(HttpServletRequest request, int page) {
        return "?" + ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("page", page).build().getQuery();
    }

    private static LocalDate parse(String text, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
