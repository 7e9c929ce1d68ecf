package app.router4ai.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Budgets of keys and workspaces: a spent one is a 402 naming it and its reset, on every endpoint, with no
 * provider call; a stream already running finishes and is billed; a new period starts over.
 */
class BudgetsTest extends SpendRouterTest {

    @Test
    void aKeysTokenBudgetRefusesTheNextRequestWith402NamingItAndWhenItResetsWithoutCallingAProvider() {
        TenantKey tenant = newTenantKey();
        JsonNode other = admin("POST", "/admin/v1/tenants/" + tenant.tenantId() + "/keys", "{\"name\":\"other\"}", 201);
        JsonNode budget = admin("PUT", "/admin/v1/keys/" + tenant.keyId() + "/budget",
                "{\"limit_tokens\":64,\"period\":\"day\"}", 200);
        assertThat(budget.get("limit_tokens").asLong()).isEqualTo(64);
        assertThat(budget.get("remaining_tokens").asLong()).isEqualTo(64);
        String reset = Instant.now().atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(1) + "T00:00:00Z";
        assertThat(budget.get("resets_at").asText()).isEqualTo(reset);

        // 32 tokens a call: 0 and 32 used before the first two (under 64); the third is refused.
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
        assertThat(chat(tenant.key(), HELLO_STREAM).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> used(tenant.keyId()) == 64);
        int providerCalls = OPENAI.received().size();

        HttpResponse<String> refused = chat(tenant.key(), HELLO);
        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(refused.headers().firstValue("x-should-retry")).contains("false");
        assertThat(readJson(refused.body())).isEqualTo(readJson("""
                {"error":{"message":"This API key's daily budget is spent: 64 of 64 tokens used. It resets at %s.",
                          "type":"insufficient_quota","param":null,"code":"budget_exceeded"}}""".formatted(reset)));
        assertThat(OPENAI.received()).hasSize(providerCalls);
        // The workspace's other key has no budget of its own.
        assertThat(chat(other.get("key").asText(), HELLO).statusCode()).isEqualTo(200);
    }

    @Test
    void aWorkspaceBudgetInDollarsCoversAllItsKeys() {
        TenantKey tenant = newTenantKey();
        JsonNode second = admin("POST", "/admin/v1/tenants/" + tenant.tenantId() + "/keys", "{\"name\":\"second\"}", 201);
        admin("PUT", "/admin/v1/tenants/" + tenant.tenantId() + "/budget",
                "{\"limit_usd\":0.00001,\"period\":\"month\"}", 200);
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(5, TimeUnit.SECONDS)
                .until(() -> admin("GET", "/admin/v1/tenants/" + tenant.tenantId() + "/budget", null, 200).get("spent").asBoolean());

        HttpResponse<String> refused = chat(second.get("key").asText(), HELLO);
        assertThat(refused.statusCode()).isEqualTo(402);
        JsonNode error = readJson(refused.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.get("message").asText()).startsWith("This workspace's monthly budget is spent: $")
                .contains(" of $0.00001 used. It resets at ").endsWith("-01T00:00:00Z.");
    }

    @Test
    void everyEndpointRefusesPastABudgetAndMessagesAnswersInAnthropicsShape() {
        TenantKey tenant = newTenantKey();
        admin("PUT", "/admin/v1/keys/" + tenant.keyId() + "/budget", "{\"limit_tokens\":0,\"period\":\"none\"}", 200);
        String auth = "Bearer " + tenant.key();
        String[][] calls = {
                {"/v1/chat/completions", HELLO},
                {"/v1/chat/completions", HELLO_STREAM},
                {"/v1/responses", "{\"model\":\"gpt-4o-mini\",\"input\":\"Hello\"}"},
                {"/v1/responses", "{\"model\":\"gpt-4o-mini\",\"input\":\"Hello\",\"stream\":true}"},
                {"/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"Hello\"}"},
                {"/v1/completions", "{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"Once\"}"},
                {"/v1/moderations", "{\"model\":\"omni-moderation-latest\",\"input\":\"Hello\"}"},
        };
        for (String[] call : calls) {
            HttpResponse<String> refused = send("POST", call[0], auth, call[1]);
            assertThat(refused.statusCode()).as(call[0] + " " + call[1]).isEqualTo(402);
            assertThat(readJson(refused.body()).at("/error/message").asText())
                    .isEqualTo("This API key's lifetime budget is spent: 0 of 0 tokens used. It does not reset: raise or "
                            + "clear it in the dashboard or the admin API.");
        }
        HttpResponse<String> messages = send("POST", "/v1/messages", auth,
                "{\"model\":\"gpt-4o-mini\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}",
                "anthropic-version", "2023-06-01");
        assertThat(messages.statusCode()).isEqualTo(402);
        JsonNode error = readJson(messages.body());
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.at("/error/type").asText()).isEqualTo("billing_error");
        assertThat(error.at("/error/message").asText()).startsWith("This API key's lifetime budget is spent");
        assertThat(OPENAI.received()).isEmpty();
    }

    @Test
    void aStreamInFlightWhenTheBudgetRunsOutFinishesAndIsBilledAndTheNextRequestIsRefused() throws Exception {
        TenantKey tenant = newTenantKey();
        admin("PUT", "/admin/v1/keys/" + tenant.keyId() + "/budget", "{\"limit_tokens\":40,\"period\":\"day\"}", 200);
        OPENAI.answerWith(request -> request.json().path("stream").asBoolean()
                ? app.router4ai.fake.FakeResponse.sse(app.router4ai.fake.OpenAiFixtures.streamEvents("gpt-4o-mini",
                        java.util.List.of("Slow", " and", " steady"), 14, 18)).spaced(300)
                : defaultAnswer(request));
        var streaming = java.util.concurrent.CompletableFuture.supplyAsync(() -> chat(tenant.key(), HELLO_STREAM));
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> OPENAI.received().size() == 1);
        // Meanwhile a plain request spends the budget (32 of 40, then the stream's 32 on top).
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> used(tenant.keyId()) == 32);

        HttpResponse<String> stream = streaming.get(30, TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).contains("steady").endsWith("data: [DONE]\n\n");
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> used(tenant.keyId()) == 64);
        assertThat(rows(tenant.tenantId())).isEqualTo(2);
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(402);
    }

    @Test
    void aDailyBudgetStartsOverAtMidnightUtc() {
        TenantKey tenant = newTenantKey();
        clock.set(Instant.parse("2031-05-06T23:59:00Z"));
        admin("PUT", "/admin/v1/keys/" + tenant.keyId() + "/budget", "{\"limit_tokens\":32,\"period\":\"day\"}", 200);
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> used(tenant.keyId()) == 32);
        HttpResponse<String> refused = chat(tenant.key(), HELLO);
        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(refused.body()).contains("It resets at 2031-05-07T00:00:00Z.");

        clock.set(Instant.parse("2031-05-07T00:00:01Z"));
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
        JsonNode status = admin("GET", "/admin/v1/keys/" + tenant.keyId() + "/budget", null, 200);
        assertThat(status.get("resets_at").asText()).isEqualTo("2031-05-08T00:00:00Z");
        // The reconciler reads the new day's total from the ledger, not the old day's.
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> used(tenant.keyId()) == 32);
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(402);
    }

    @Test
    void badBudgetsAre400sNamingTheFieldAndChangeNothing() {
        TenantKey tenant = newTenantKey();
        String path = "/admin/v1/keys/" + tenant.keyId() + "/budget";
        admin("PUT", path, "{\"limit_usd\":5,\"period\":\"week\"}", 200);
        String[][] bad = {
                {"{\"limit_usd\":-1}", "limit_usd"},
                {"{\"limit_usd\":1e12}", "limit_usd"},
                {"{\"limit_usd\":\"5\"}", "limit_usd"},
                {"{\"limit_tokens\":1.5}", "limit_tokens"},
                {"{\"limit_tokens\":-3}", "limit_tokens"},
                {"{\"limit_tokens\":10,\"period\":\"fortnight\"}", "period"},
                {"{\"limit_tokens\":10,\"alert_threshold_percent\":150}", "alert_threshold_percent"},
                {"{\"period\":\"day\"}", "limit_usd"},
                {"{\"limit_tokens\":10,\"currency\":\"eur\"}", "currency"},
        };
        for (String[] input : bad) {
            HttpResponse<String> response = send("PUT", path, "Bearer " + ADMIN_TOKEN, input[0]);
            assertThat(response.statusCode()).as(input[0]).isEqualTo(400);
            assertThat(readJson(response.body()).at("/error/param").asText()).as(input[0]).isEqualTo(input[1]);
        }
        JsonNode kept = admin("GET", path, null, 200);
        assertThat(kept.get("limit_usd").decimalValue()).isEqualByComparingTo("5");
        assertThat(kept.get("period").asText()).isEqualTo("week");

        admin("DELETE", path, null, 204);
        assertThat(send("GET", path, "Bearer " + ADMIN_TOKEN, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theUsageEndpointShowsTheCallersBudgetsWhatIsLeftAndUsagePerKey() {
        TenantKey tenant = newTenantKey();
        JsonNode second = admin("POST", "/admin/v1/tenants/" + tenant.tenantId() + "/keys", "{\"name\":\"second\"}", 201);
        admin("PUT", "/admin/v1/keys/" + tenant.keyId() + "/budget", "{\"limit_tokens\":1000,\"period\":\"week\"}", 200);
        admin("PUT", "/admin/v1/tenants/" + tenant.tenantId() + "/budget", "{\"limit_usd\":20,\"period\":\"month\"}", 200);
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
        assertThat(chat(second.get("key").asText(), HELLO).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> rows(tenant.tenantId()) == 2 && used(tenant.keyId()) == 32);

        JsonNode usage = readJson(send("GET", "/v1/usage?group_by=key", "Bearer " + tenant.key(), null).body());
        assertThat(usage.get("budgets")).hasSize(2);
        JsonNode keyBudget = usage.at("/budgets/0");
        assertThat(keyBudget.get("scope").asText()).isEqualTo("key");
        assertThat(keyBudget.get("period").asText()).isEqualTo("week");
        assertThat(keyBudget.get("used_tokens").asLong()).isEqualTo(32);
        assertThat(keyBudget.get("remaining_tokens").asLong()).isEqualTo(968);
        JsonNode workspace = usage.at("/budgets/1");
        assertThat(workspace.get("scope").asText()).isEqualTo("workspace");
        assertThat(workspace.get("limit_usd").decimalValue()).isEqualByComparingTo("20");
        assertThat(workspace.get("used_tokens").asLong()).isEqualTo(64);
        assertThat(workspace.get("remaining_usd").decimalValue()).isLessThan(new java.math.BigDecimal("20"));
        assertThat(usage.get("by_key")).hasSize(2);
        assertThat(usage.at("/by_key/0/total_tokens").asLong()).isEqualTo(32);

        JsonNode onlySecond = readJson(send("GET", "/v1/usage?key_id=" + second.get("id").asText(), "Bearer " + tenant.key(),
                null).body());
        assertThat(onlySecond.at("/total/requests").asLong()).isEqualTo(1);
        HttpResponse<String> badGroup = send("GET", "/v1/usage?group_by=model", "Bearer " + tenant.key(), null);
        assertThat(badGroup.statusCode()).isEqualTo(400);
        assertThat(readJson(badGroup.body()).at("/error/param").asText()).isEqualTo("group_by");
        HttpResponse<String> foreignKey = send("GET", "/v1/usage?key_id=someone-elses", "Bearer " + tenant.key(), null);
        assertThat(readJson(foreignKey.body()).at("/error/param").asText()).isEqualTo("key_id");
    }
}
