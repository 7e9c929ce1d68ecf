package app.router4ai.admin;

import app.router4ai.api.JsonMessages;
import app.router4ai.billing.BillingService;
import app.router4ai.billing.BillingSummary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The admin API's billing operations ({@link BillingService}); {@link AdminRoutes} maps them to HTTP. */
@Component
public class BillingAdminApi {

    private final BillingService billing;
    private final ObjectMapper json;

    public BillingAdminApi(BillingService billing, ObjectMapper json) {
        this.billing = billing;
        this.json = json;
    }

    public void summary(Exchange exchange) throws IOException {
        BillingSummary s = billing.summary(tenantId(exchange));
        JsonMessages.reply(exchange.getMessage(), 200, json.createObjectNode().put("object", "billing").put("tenant_id", s.tenantId())
                .put("plan", s.plan()).put("status", s.status()).put("access", s.access())
                .put("trial_tokens", s.trialTokens()).put("trial_tokens_left", s.trialTokensLeft())
                .put("trial_days_left", s.trialDaysLeft()).put("trial_ends_at", iso(s.trialEndsAt()))
                .put("current_period_end", iso(s.currentPeriodEnd())).put("cancel_at_period_end", s.cancelAtPeriodEnd())
                .put("stripe_configured", s.stripeConfigured()), json);
    }

    public void checkout(Exchange exchange) throws IOException {
        JsonNode body = JsonMessages.objectBody(exchange.getMessage(), json);
        String url = billing.checkoutUrl(tenantId(exchange), body.path("plan").asText(null));
        JsonMessages.reply(exchange.getMessage(), 200, json.createObjectNode().put("url", url), json);
    }

    public void portal(Exchange exchange) throws IOException {
        JsonMessages.reply(exchange.getMessage(), 200, json.createObjectNode().put("url", billing.portalUrl(tenantId(exchange))), json);
    }

    private static String tenantId(Exchange exchange) {
        return exchange.getMessage().getHeader("tenantId", String.class);
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
