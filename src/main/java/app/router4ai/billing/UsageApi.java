package app.router4ai.billing;

import app.router4ai.api.ApiError;
import app.router4ai.api.JsonMessages;
import app.router4ai.auth.ApiKeyAuthenticator;
import app.router4ai.auth.Caller;
import app.router4ai.tenant.TenantStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * {@link UsageReports} as JSON: {@code GET /v1/usage?from&to} for the calling key's tenant
 * (routes/usage.yaml) and {@code GET /admin/v1/tenants/{tenantId}/usage?from&to} for any tenant.
 * Dates are UTC days, both included; without them the last 30 days up to today.
 */
@Component
public class UsageApi {

    static final int DEFAULT_DAYS = 30;
    /**
     * Four-digit years: what both databases' timestamps hold (Java's dates go to year ±999,999,999, and the
     * day after such a date overflowed into a 500).
     */
    static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    private final UsageReports reports;
    private final TenantStore tenants;
    private final ObjectMapper json;

    public UsageApi(UsageReports reports, TenantStore tenants, ObjectMapper json) {
        this.reports = reports;
        this.tenants = tenants;
        this.json = json;
    }

    public void callerUsage(Exchange exchange) throws IOException {
        Caller caller = exchange.getProperty(ApiKeyAuthenticator.CALLER, Caller.class);
        respond(exchange, caller.tenantId());
    }

    public void tenantUsage(Exchange exchange) throws IOException {
        String id = exchange.getMessage().getHeader("tenantId", String.class);
        tenants.find(id).orElseThrow(() -> ApiError.notFound("tenant_not_found", "No tenant with id '" + id + "'."));
        respond(exchange, id);
    }

    private void respond(Exchange exchange, String tenantId) throws IOException {
        Message message = exchange.getMessage();
        LocalDate to = date(message, "to", LocalDate.now(ZoneOffset.UTC));
        LocalDate from = date(message, "from", to.minusDays(DEFAULT_DAYS - 1));
        UsageReport report;
        try {
            report = reports.report(tenantId, from, to);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidRequest("from", e.getMessage() + ".");
        }
        JsonMessages.reply(message, 200, report, json);
    }

    private static LocalDate date(Message message, String name, LocalDate fallback) {
        String text = message.getHeader(name, String.class);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null || date.isBefore(FIRST_DAY) || date.isAfter(LAST_DAY)) {
            throw ApiError.invalidRequest(name, "'" + name + "' must be a date as YYYY-MM-DD from " + FIRST_DAY + " to "
                    + LAST_DAY + " (got '" + text + "').");
        }
        return date;
    }
}
