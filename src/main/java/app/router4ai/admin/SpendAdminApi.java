package app.router4ai.admin;

import app.router4ai.api.ApiError;
import app.router4ai.api.JsonMessages;
import app.router4ai.auth.KeySettings;
import app.router4ai.auth.KeySettingsCache;
import app.router4ai.auth.KeySettingsStore;
import app.router4ai.auth.StoredKey;
import app.router4ai.budget.Budget;
import app.router4ai.budget.BudgetJson;
import app.router4ai.budget.SpendBook;
import app.router4ai.ratelimit.TenantLimitsCache;
import app.router4ai.tenant.Tenant;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The admin API's spend controls: a key's settings ({@code PATCH /admin/v1/keys/{keyId}}) and the budgets of keys
 * and workspaces ({@code GET}, {@code PUT}, {@code DELETE} on {@code .../budget}). Bad input is a 400 naming the
 * field, with nothing changed.
 */
@Component
public class SpendAdminApi {

    private final AdminApi admin;
    private final KeySettingsStore settings;
    private final KeySettingsCache cache;
    private final TenantLimitsCache limits;
    private final SpendBook spend;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    public SpendAdminApi(AdminApi admin, KeySettingsStore settings, KeySettingsCache cache, TenantLimitsCache limits,
                         SpendBook spend, TransactionTemplate tx, ObjectMapper json, Clock clock) {
        this.admin = admin;
        this.settings = settings;
        this.cache = cache;
        this.limits = limits;
        this.spend = spend;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    public void updateKey(Exchange exchange) throws IOException {
        StoredKey key = liveKey(exchange);
        KeySettings current = settings.find(key.id()).orElse(KeySettings.none(key.id(), key.tenantId()));
        KeySettingsInput.Change change = KeySettingsInput.parse(JsonMessages.objectBody(exchange.getMessage(), json),
                current, limits.get(key.tenantId()).rps(), clock.instant());
        apply(key, change);
        StoredKey now = admin.keys().find(key.id()).orElseThrow();
        JsonMessages.reply(exchange.getMessage(), 200, admin.keyJson(now, change.settings()), json);
    }

    /** Writes a checked change: the name and the settings in one transaction, then in force here at once. */
    public void apply(StoredKey key, KeySettingsInput.Change change) {
        tx.executeWithoutResult(status -> {
            if (change.name() != null) {
                settings.rename(key.id(), change.name());
            }
            settings.save(change.settings());
        });
        cache.changed(change.settings());
    }

    public void keyBudget(Exchange exchange) throws IOException {
        StoredKey key = admin.key(exchange);
        budgetReply(exchange, Budget.keySubject(key.id()));
    }

    public void setKeyBudget(Exchange exchange) throws IOException {
        StoredKey key = liveKey(exchange);
        set(exchange, Budget.keySubject(key.id()), key.tenantId());
    }

    public void clearKeyBudget(Exchange exchange) {
        clear(exchange, Budget.keySubject(admin.key(exchange).id()));
    }

    public void tenantBudget(Exchange exchange) throws IOException {
        budgetReply(exchange, Budget.tenantSubject(admin.tenant(exchange).id()));
    }

    public void setTenantBudget(Exchange exchange) throws IOException {
        Tenant tenant = admin.tenant(exchange);
        set(exchange, Budget.tenantSubject(tenant.id()), tenant.id());
    }

    public void clearTenantBudget(Exchange exchange) {
        clear(exchange, Budget.tenantSubject(admin.tenant(exchange).id()));
    }

    private void set(Exchange exchange, String subject, String tenantId) throws IOException {
        spend.set(BudgetInput.parse(JsonMessages.objectBody(exchange.getMessage(), json), subject, tenantId));
        budgetReply(exchange, subject);
    }

    private void clear(Exchange exchange, String subject) {
        if (!spend.clear(subject)) {
            throw ApiError.notFound("budget_not_found", "There is no budget to clear.");
        }
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        out.setBody(null);
    }

    private void budgetReply(Exchange exchange, String subject) throws IOException {
        Budget budget = spend.budget(subject);
        if (budget == null) {
            throw ApiError.notFound("budget_not_found", "No budget is set; PUT one with limit_usd and/or limit_tokens.");
        }
        JsonMessages.reply(exchange.getMessage(), 200,
                BudgetJson.write(spend.status(budget), json.createObjectNode().put("object", "budget")), json);
    }

    private StoredKey liveKey(Exchange exchange) {
        StoredKey key = admin.key(exchange);
        if (key.revoked()) {
            throw new ApiError(409, "invalid_request_error", "key_revoked", null,
                    "Key " + key.id() + " is revoked; its settings can no longer change.", null);
        }
        return key;
    }
}
