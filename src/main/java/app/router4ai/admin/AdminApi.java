package app.router4ai.admin;

import app.router4ai.api.ApiError;
import app.router4ai.api.JsonMessages;
import app.router4ai.auth.ApiKeyService;
import app.router4ai.auth.IssuedKey;
import app.router4ai.auth.KeySettings;
import app.router4ai.auth.KeySettingsStore;
import app.router4ai.auth.StoredKey;
import app.router4ai.budget.Budget;
import app.router4ai.budget.BudgetJson;
import app.router4ai.budget.SpendBook;
import app.router4ai.tenant.Tenant;
import app.router4ai.tenant.TenantStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/** The admin API's operations on tenants and keys; {@link AdminRoutes} maps them to HTTP. */
@Component
public class AdminApi {

    private final TenantStore tenants;
    private final ApiKeyService keys;
    private final ObjectMapper json;
    private final KeySettingsStore settings;
    private final SpendBook spend;

    public AdminApi(TenantStore tenants, ApiKeyService keys, ObjectMapper json, KeySettingsStore settings, SpendBook spend) {
        this.tenants = tenants;
        this.keys = keys;
        this.json = json;
        this.settings = settings;
        this.spend = spend;
    }

    public void createTenant(Exchange exchange) throws IOException {
        JsonNode body = JsonMessages.objectBody(exchange.getMessage(), json);
        String name = TextFields.required(body, "name", TextFields.NAME);
        String email = TextFields.required(body, "email", TextFields.EMAIL);
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ApiError.invalidRequest("email", "'email' must be an email address.");
        }
        JsonMessages.reply(exchange.getMessage(), 201, tenantJson(tenants.create(name, email)), json);
    }

    public void createKey(Exchange exchange) throws IOException {
        Tenant tenant = tenant(exchange);
        JsonNode body = JsonMessages.objectBody(exchange.getMessage(), json);
        String name = TextFields.optional(body, "name", TextFields.NAME);
        name = name == null ? "default" : name;
        JsonMessages.reply(exchange.getMessage(), 201, issuedJson(keys.create(tenant.id(), name)), json);
    }

    public void listKeys(Exchange exchange) throws IOException {
        Tenant tenant = tenant(exchange);
        ObjectNode list = json.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        Map<String, KeySettings> own = settings.forTenant(tenant.id());
        keys.list(tenant.id()).forEach(k -> data.add(keyJson(k, own.get(k.id()))));
        JsonMessages.reply(exchange.getMessage(), 200, list, json);
    }

    public void rotateKey(Exchange exchange) throws IOException {
        StoredKey old = key(exchange);
        if (old.revoked()) {
            throw new ApiError(409, "invalid_request_error", "key_revoked", null,
                    "Key " + old.id() + " is revoked; create a new key instead.", null);
        }
        JsonMessages.reply(exchange.getMessage(), 201, issuedJson(keys.rotate(old)), json);
    }

    public void revokeKey(Exchange exchange) {
        StoredKey key = key(exchange);
        keys.revoke(key.id());
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        out.setBody(null);
    }

    ApiKeyService keys() {
        return keys;
    }

    Tenant tenant(Exchange exchange) {
        String id = exchange.getMessage().getHeader("tenantId", String.class);
        return tenants.find(id).orElseThrow(() -> ApiError.notFound("tenant_not_found", "No tenant with id '" + id + "'."));
    }

    StoredKey key(Exchange exchange) {
        String id = exchange.getMessage().getHeader("keyId", String.class);
        return keys.find(id).orElseThrow(() -> ApiError.notFound("key_not_found", "No API key with id '" + id + "'."));
    }

    public ObjectNode tenantJson(Tenant t) {
        return json.createObjectNode().put("object", "tenant").put("id", t.id()).put("name", t.name())
                .put("email", t.email()).put("plan", t.plan()).put("created_at", t.createdAt().toString());
    }

    /** A key without its secret, with its settings (expiry, scopes, own limits, metadata) and its budget's standing. */
    ObjectNode keyJson(StoredKey k, KeySettings own) {
        ObjectNode key = json.createObjectNode().put("object", "api_key").put("id", k.id()).put("tenant_id", k.tenantId())
                .put("name", k.name()).put("prefix", k.prefix()).put("created_at", iso(k.createdAt()))
                .put("last_used_at", iso(k.lastUsedAt())).put("revoked_at", iso(k.revokedAt()));
        KeySettings s = own != null ? own : KeySettings.none(k.id(), k.tenantId());
        key.put("expires_at", iso(s.expiresAt()));
        key.set("scopes", s.scopes().restricts() ? json.valueToTree(s.scopes()) : null);
        key.put("rate_limit_rps", s.rateLimitRps()).put("tokens_per_minute", s.tokensPerMinute());
        key.set("metadata", json.valueToTree(s.metadata()));
        Budget budget = spend.budget(Budget.keySubject(k.id()));
        key.set("budget", budget == null ? null : BudgetJson.write(spend.status(budget), json.createObjectNode()));
        return key;
    }

    private ObjectNode issuedJson(IssuedKey issued) {
        return keyJson(issued.stored(), null).put("key", issued.fullKey());
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
