package app.router4ai.dashboard;

import app.router4ai.billing.UsageReport;
import app.router4ai.billing.UsageReports;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The Usage page: a period's tokens and cost per day (chart and table), per model, and the latest requests. */
@Controller
class UsageController {

    static final int DEFAULT_DAYS = 30;
    static final int RECENT = 50;

    private final UsageReports reports;

    UsageController(UsageReports reports) {
        this.reports = reports;
    }

    @GetMapping("/app/usage")
    String usage(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String from,
                 @RequestParam(required = false) String to, Model model) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate end = parse(to, today);
        LocalDate start = parse(from, end.minusDays(DEFAULT_DAYS - 1));
        if (start.isAfter(end) || start.plusDays(UsageReports.MAX_DAYS).isBefore(end.plusDays(1))) {
            model.addAttribute("periodError", "Pick a start on or before the end, at most " + UsageReports.MAX_DAYS
                    + " days apart. Showing the last " + DEFAULT_DAYS + " days instead.");
            end = today;
            start = today.minusDays(DEFAULT_DAYS - 1);
        }
        UsageReport report = reports.report(user.tenantId(), start, end);
        model.addAttribute("nav", "usage");
        model.addAttribute("report", report);
        model.addAttribute("recent", reports.recent(user.tenantId(), RECENT));
        model.addAttribute("chart", report.byDay().stream().map(day -> new ChartDay(day.date().toString(),
                day.totals().promptTokens(), day.totals().completionTokens(), day.totals().costCents().movePointLeft(2)))
                .toList());
        return "usage";
    }

    /** One bar of the chart: the JSON the page's script reads. */
    record ChartDay(String date, long prompt, long completion, java.math.BigDecimal usd) {
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
