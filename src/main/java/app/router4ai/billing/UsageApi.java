package app.router4ai.billing;

import app.router4ai.api.ApiError;
import app.router4ai.api.JsonMessages;
import app.router4ai.auth.ApiKeyAuthenticator;
import app.router4ai.auth.ApiKeyStore;
import app.router4ai.budget.Budget;
import app.router4ai.budget.BudgetJson;
import app.router4ai.budget.SpendBook;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
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
    private final SpendBook spend;
    private final ApiKeyStore keys;

    public UsageApi(UsageReports reports, TenantStore tenants, ObjectMapper json, SpendBook spend, ApiKeyStore keys) {
        this.reports = reports;
        this.tenants = tenants;
        this.json = json;
        this.spend = spend;
        this.keys = keys;
    }

    /** The caller's workspace's usage, with the budgets of the calling key and of its workspace and what is left. */
    public void callerUsage(Exchange exchange) throws IOException {
        Caller caller = exchange.getProperty(ApiKeyAuthenticator.CALLER, Caller.class);
        respond(exchange, caller.tenantId(), List.of(Budget.keySubject(caller.keyId()), Budget.tenantSubject(caller.tenantId())));
    }

    public void tenantUsage(Exchange exchange) throws IOException {
        String id = exchange.getMessage().getHeader("tenantId", String.class);
        tenants.find(id).orElseThrow(() -> ApiError.notFound("tenant_not_found", "No tenant with id '" + id + "'."));
        respond(exchange, id, List.of(Budget.tenantSubject(id)));
    }

    private void respond(Exchange exchange, String tenantId, List<String> budgetSubjects) throws IOException {
        Message message = exchange.getMessage();
        LocalDate to = date(message, "to", LocalDate.now(ZoneOffset.UTC));
        LocalDate from = date(message, "from", to.minusDays(DEFAULT_DAYS - 1));
        String groupBy = message.getHeader("group_by", String.class);
        if (groupBy != null && !groupBy.equals("key")) {
            throw ApiError.invalidRequest("group_by", "'group_by' can only be 'key' (the by_model and by_day breakdowns "
                    + "are always there); got '" + groupBy + "'.");
        }
        String keyId = message.getHeader("key_id", String.class);
        if (keyId != null && keys.find(keyId).filter(k -> k.tenantId().equals(tenantId)).isEmpty()) {
            throw ApiError.invalidRequest("key_id", "'key_id' must be one of this workspace's keys; got '" + keyId + "'.");
        }
        ObjectNode body;
        try {
            body = json.valueToTree(reports.report(tenantId, keyId, from, to));
            if (groupBy != null) {
                body.set("by_key", json.valueToTree(reports.byKey(tenantId, from, to)));
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidRequest("from", e.getMessage() + ".");
        }
        ArrayNode budgets = body.putArray("budgets");
        spend.statuses(budgetSubjects).forEach(status -> budgets.add(BudgetJson.write(status, json.createObjectNode())));
        JsonMessages.reply(message, 200, body, json);
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
