package app.router4ai.admin;

import app.router4ai.billing.BillingService;
import app.router4ai.billing.BillingSummary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
        respond(exchange, 200, json.createObjectNode().put("object", "billing").put("tenant_id", s.tenantId())
                .put("plan", s.plan()).put("status", s.status()).put("access", s.access())
                .put("trial_tokens", s.trialTokens()).put("trial_tokens_left", s.trialTokensLeft())
                .put("trial_days_left", s.trialDaysLeft()).put("trial_ends_at", iso(s.trialEndsAt()))
                .put("current_period_end", iso(s.currentPeriodEnd())).put("cancel_at_period_end", s.cancelAtPeriodEnd())
                .put("stripe_configured", s.stripeConfigured()));
    }

    public void checkout(Exchange exchange) throws IOException {
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        JsonNode body;
        try {
            body = raw == null || raw.length == 0 ? json.createObjectNode() : json.readTree(raw);
        } catch (IOException e) {
            throw app.router4ai.api.ApiError.invalidRequest(null, "We could not parse the JSON body of your request.");
        }
        String url = billing.checkoutUrl(tenantId(exchange), body.path("plan").asText(null));
        respond(exchange, 200, json.createObjectNode().put("url", url));
    }

    public void portal(Exchange exchange) throws IOException {
        respond(exchange, 200, json.createObjectNode().put("url", billing.portalUrl(tenantId(exchange))));
    }

    private static String tenantId(Exchange exchange) {
        return exchange.getMessage().getHeader("tenantId", String.class);
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }

    private void respond(Exchange exchange, int status, ObjectNode body) throws IOException {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(json.writeValueAsBytes(body));
    }
}
