package app.router4ai.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The trial: tokens and days; 402 with an OpenAI error object once either runs out, and no provider call. */
public class TrialQuotaTest extends BillingRouterTest {

    @Autowired
    UsageLedger ledger;
    @Autowired
    TransactionTemplate tx;

    @Test
    void aNewTenantIsOnTheConfiguredTrial() {
        TenantKey tenant = newTenantKey();
        JsonNode billing = admin("GET", "/admin/v1/tenants/" + tenant.tenantId() + "/billing", null, 200);
        assertThat(billing.get("plan").asText()).isEqualTo("trial");
        assertThat(billing.get("status").asText()).isEqualTo("trialing");
        assertThat(billing.get("trial_tokens").asLong()).isEqualTo(1_000_000);
        assertThat(billing.get("trial_tokens_left").asLong()).isEqualTo(1_000_000);
        assertThat(billing.get("trial_days_left").asLong()).isEqualTo(14);

        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
        awaitRows(tenant.tenantId(), 1, 5);
        assertThat(admin("GET", "/admin/v1/tenants/" + tenant.tenantId() + "/billing", null, 200)
                .get("trial_tokens_left").asLong()).isEqualTo(1_000_000 - 32);
    }

    @Test
    void exhaustedTrialGets402AndNoProviderCall() {
        TenantKey tenant = newTenantKey();
        balance.of(tenant.tenantId());
        jdbc.update("UPDATE tenant_billing SET trial_tokens = 100 WHERE tenant_id = ?", tenant.tenantId());
        balance.refresh(tenant.tenantId());

        // 32 tokens a call: 0, 32, 64, 96 used before each of the first four (all under 100); the fifth is refused.
        for (int i = 0; i < 4; i++) {
            assertThat(chat(tenant.key(), i % 2 == 0 ? HELLO : HELLO_STREAM).statusCode()).isEqualTo(200);
        }
        Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> balance.of(tenant.tenantId()).usedTokens() == 128);
        int providerCalls = OPENAI.received().size();

        HttpResponse<String> refused = chat(tenant.key(), HELLO);
        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(readJson(refused.body())).isEqualTo(readJson("""
                {"error":{"message":"Trial exhausted — upgrade at /billing (all 100 trial tokens are used).",
                          "type":"insufficient_quota","param":null,"code":"trial_exhausted"}}"""));
        assertThat(chat(tenant.key(), HELLO_STREAM).statusCode()).isEqualTo(402);
        assertThat(OPENAI.received()).hasSize(providerCalls);
        awaitRows(tenant.tenantId(), 4, 5);
        assertThat(admin("GET", "/admin/v1/tenants/" + tenant.tenantId() + "/billing", null, 200).get("status").asText())
                .isEqualTo("trial_exhausted");
    }

    @Test
    void expiredTrialGets402OnceTheReconcilerSeesIt() {
        TenantKey tenant = newTenantKey();
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
        // Another instance (or time) moved the end into the past: no refresh here, the periodic reconciliation finds it.
        jdbc.update("UPDATE tenant_billing SET trial_ends_at = ? WHERE tenant_id = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), tenant.tenantId());
        int providerCalls = OPENAI.received().size();

        // The reconcile runs every 5 s; a loaded machine may need a few of them.
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> chat(tenant.key(), HELLO).statusCode() == 402);
        HttpResponse<String> refused = chat(tenant.key(), HELLO);
        JsonNode error = readJson(refused.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("trial_exhausted");
        assertThat(error.get("type").asText()).isEqualTo("insufficient_quota");
        assertThat(error.get("message").asText()).startsWith("Trial exhausted — upgrade at /billing");
        assertThat(OPENAI.received().size()).isLessThanOrEqualTo(providerCalls + 1); // at most the one before the reconcile
    }

    @Test
    void usageOnAnotherInstanceIsReconciledFromTheLedger() {
        TenantKey tenant = newTenantKey();
        balance.of(tenant.tenantId());
        jdbc.update("UPDATE tenant_billing SET trial_tokens = 1000 WHERE tenant_id = ?", tenant.tenantId());
        // What another instance's ledger commits (its row and the tenant's running total, one transaction):
        // this instance learns of it at the next reconciliation.
        tx.executeWithoutResult(status -> {
            insertRow("other-instance-1", tenant, 600, 400);
            jdbc.update("INSERT INTO usage_totals (tenant_id, tokens) VALUES (?, 1000)", tenant.tenantId());
        });
        // The reconcile runs every 5 s; a loaded machine may need a few of them.
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> chat(tenant.key(), HELLO).statusCode() == 402);
        // The other instance's 1,000 tokens, plus this instance's own requests made before the reconcile saw them.
        assertThat(balance.of(tenant.tenantId()).usedTokens()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aBatchRetriedAfterItsCommitLandedCountsEachRowOnce() {
        TenantKey tenant = newTenantKey();
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
        awaitRows(tenant.tenantId(), 1, 5);
        String landed = jdbc.queryForObject("SELECT request_id FROM usage_records WHERE tenant_id = ?", String.class,
                tenant.tenantId());
        // The same row again, as a retry after a commit whose acknowledgement was lost, in a batch with a new one.
        ledger.record(row(landed, tenant, 10, 22));
        ledger.record(row("after-retry-1", tenant, 5, 5));
        awaitRows(tenant.tenantId(), 2, 5);

        assertThat(jdbc.queryForObject("SELECT tokens FROM usage_totals WHERE tenant_id = ?", Long.class, tenant.tenantId()))
                .isEqualTo(32 + 10)
                .isEqualTo(jdbc.queryForObject("SELECT SUM(prompt_tokens + completion_tokens) FROM usage_records"
                        + " WHERE tenant_id = ?", Long.class, tenant.tenantId()));
    }

    private void insertRow(String requestId, TenantKey tenant, long prompt, long completion) {
        jdbc.update("INSERT INTO usage_records (request_id, tenant_id, key_id, requested_model, answering_model, provider, tier,"
                        + " prompt_tokens, completion_tokens, cached_tokens, cost_cents, latency_ms, failover_count, cache_hit, stream,"
                        + " created_at) VALUES (?, ?, ?, 'gpt-4o-mini', 'gpt-4o-mini', 'openai', 'fast', ?, ?, 0, 0, 1, 0, FALSE, FALSE, ?)",
                requestId, tenant.tenantId(), tenant.keyId(), prompt, completion, Timestamp.from(Instant.now()));
    }

    private static UsageRow row(String requestId, TenantKey tenant, long prompt, long completion) {
        return new UsageRow(requestId, tenant.tenantId(), tenant.keyId(), "gpt-4o-mini", "gpt-4o-mini", "openai", "fast",
                prompt, completion, 0, BigDecimal.ZERO, 1, 0, false, false, Instant.now());
    }
}
