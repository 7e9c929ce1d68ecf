package app.router4ai.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A key's own settings: scopes (403 naming the allowed set, no provider call), expiry and revocation (401s that
 * say so), its own rate limits below the workspace's (429s naming the key's limit), bad input (400, nothing changed).
 */
class KeySettingsTest extends SpendRouterTest {

    private static final String GPT_4O = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

    @Test
    void aKeyOutsideItsScopesGets403NamingWhatItMayUseAndNoProviderIsCalled() {
        TenantKey tenant = newTenantKey();
        JsonNode key = admin("PATCH", "/admin/v1/keys/" + tenant.keyId(),
                "{\"scopes\":{\"models\":[\"gpt-4o-mini\",\"claude-*\"],\"tiers\":[\"fast\"]}}", 200);
        assertThat(key.at("/scopes/models").toString()).isEqualTo("[\"gpt-4o-mini\",\"claude-*\"]");

        HttpResponse<String> refused = chat(tenant.key(), GPT_4O);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(readJson(refused.body())).isEqualTo(readJson("""
                {"error":{"message":"This API key may not use 'gpt-4o'. It is allowed: models gpt-4o-mini, claude-*; tiers fast.",
                          "type":"invalid_request_error","param":"model","code":"model_not_allowed"}}"""));
        assertThat(OPENAI.received()).isEmpty();
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);

        HttpResponse<String> messages = send("POST", "/v1/messages", "Bearer " + tenant.key(),
                "{\"model\":\"gpt-4o\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "anthropic-version", "2023-06-01");
        assertThat(messages.statusCode()).isEqualTo(403);
        assertThat(readJson(messages.body()).at("/error/type").asText()).isEqualTo("permission_error");
    }

    @Test
    void aProviderScopeDropsTheOtherProvidersCandidates() {
        TenantKey tenant = newTenantKey();
        admin("PATCH", "/admin/v1/keys/" + tenant.keyId(), "{\"scopes\":{\"providers\":[\"deepseek\"]}}", 200);
        // gpt-4o-mini's tier (fast) has DeepSeek too: the only candidate left, it is called, never OpenAI.
        chat(tenant.key(), HELLO);
        assertThat(OPENAI.received()).isEmpty();
        HttpResponse<String> refused = chat(tenant.key(), GPT_4O);   // balanced: no DeepSeek model
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(readJson(refused.body()).at("/error/message").asText()).endsWith("It is allowed: providers deepseek.");
    }

    @Test
    void anExpiredKeyAndARevokedKeyGet401sThatSaySo() {
        TenantKey tenant = newTenantKey();
        Instant expiry = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        admin("PATCH", "/admin/v1/keys/" + tenant.keyId(), "{\"expires_at\":\"" + expiry + "\"}", 200);
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofHours(2));
        HttpResponse<String> expired = chat(tenant.key(), HELLO);
        assertThat(expired.statusCode()).isEqualTo(401);
        JsonNode error = readJson(expired.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_api_key");   // OpenAI's code, which clients know
        assertThat(error.get("message").asText()).contains("expired at " + expiry);

        TenantKey other = newTenantKey();
        admin("DELETE", "/admin/v1/keys/" + other.keyId(), null, 204);
        HttpResponse<String> revoked = chat(other.key(), HELLO);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(readJson(revoked.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(readJson(revoked.body()).at("/error/message").asText()).contains(" was revoked at ");
    }

    @Test
    void aKeysOwnRequestRateIsEnforcedBelowTheWorkspaces() throws Exception {
        TenantKey tenant = newTenantKey();
        admin("PATCH", "/admin/v1/keys/" + tenant.keyId(), "{\"rate_limit_rps\":1}", 200);
        // Sent together, so a slow first answer cannot refill the allowance in between.
        List<CompletableFuture<HttpResponse<String>>> calls = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> chat(tenant.key(), HELLO))).toList();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertThat(statuses).contains(200, 429);
        HttpResponse<String> limited = calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 429)
                .findFirst().orElseThrow();
        assertThat(readJson(limited.body()).at("/error/message").asText())
                .startsWith("Rate limit exceeded (key): this API key allows 1 requests per second.");
        // Another key of the workspace is not limited by it.
        JsonNode second = admin("POST", "/admin/v1/tenants/" + tenant.tenantId() + "/keys", "{\"name\":\"free\"}", 201);
        assertThat(chat(second.get("key").asText(), HELLO).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeysTokensPerMinuteAreEnforcedUntilTheNextMinute() {
        TenantKey tenant = newTenantKey();
        clock.set(Instant.parse("2031-01-01T10:00:01Z"));
        admin("PATCH", "/admin/v1/keys/" + tenant.keyId(), "{\"tokens_per_minute\":32}", 200);
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> chat(tenant.key(), HELLO).statusCode() == 429);
        HttpResponse<String> limited = chat(tenant.key(), HELLO);
        assertThat(readJson(limited.body()).at("/error/message").asText())
                .startsWith("Rate limit exceeded (tokens): this API key allows 32 tokens per minute and has used 32 this minute.");
        assertThat(limited.headers().firstValue("retry-after")).isPresent();

        clock.set(Instant.parse("2031-01-01T10:01:00Z"));
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
    }

    @Test
    void badSettingsAre400sNamingTheFieldAndChangeNothing() {
        TenantKey tenant = newTenantKey();
        String path = "/admin/v1/keys/" + tenant.keyId();
        admin("PATCH", path, "{\"name\":\"ci\",\"scopes\":{\"models\":[\"gpt-*\"]},\"metadata\":{\"team\":\"search\"}}", 200);
        admin("PATCH", "/admin/v1/tenants/" + tenant.tenantId(), "{\"rate_limit_rps\":10}", 200);
        String[][] bad = {
                {"{\"expires_at\":\"2001-01-01T00:00:00Z\"}", "expires_at"},
                {"{\"expires_at\":\"tomorrow\"}", "expires_at"},
                {"{\"scopes\":{\"models\":[\"gpt-[4]\"]}}", "scopes.models"},
                {"{\"scopes\":{\"models\":[\"\"]}}", "scopes.models"},
                {"{\"scopes\":{\"regions\":[\"eu\"]}}", "scopes.regions"},
                {"{\"scopes\":\"gpt-*\"}", "scopes"},
                {"{\"rate_limit_rps\":11}", "rate_limit_rps"},
                {"{\"rate_limit_rps\":0}", "rate_limit_rps"},
                {"{\"tokens_per_minute\":-5}", "tokens_per_minute"},
                {"{\"metadata\":[\"x\"]}", "metadata"},
                {"{\"name\":\"renamed\",\"colour\":\"red\"}", "colour"},
        };
        for (String[] input : bad) {
            HttpResponse<String> response = send("PATCH", path, "Bearer " + ADMIN_TOKEN, input[0]);
            assertThat(response.statusCode()).as(input[0]).isEqualTo(400);
            assertThat(readJson(response.body()).at("/error/param").asText()).as(input[0]).isEqualTo(input[1]);
        }
        JsonNode key = admin("GET", "/admin/v1/tenants/" + tenant.tenantId() + "/keys", null, 200).at("/data/0");
        assertThat(key.get("name").asText()).isEqualTo("ci");
        assertThat(key.at("/scopes/models").toString()).isEqualTo("[\"gpt-*\"]");
        assertThat(key.get("rate_limit_rps").isNull()).isTrue();
        assertThat(key.get("expires_at").isNull()).isTrue();
        assertThat(key.at("/metadata/team").asText()).isEqualTo("search");
    }
}
