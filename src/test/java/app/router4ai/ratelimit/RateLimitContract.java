package app.router4ai.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-tenant request limits as a client and an admin see them; run on each backend. */
public abstract class RateLimitContract extends RouterTest {

    static final String HELLO = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    static final String RESET = "\\d+ms|\\d+(\\.\\d+)?s|\\d+m\\d+(\\.\\d+)?s";

    @Test
    void aTenantOverItsBurstGets429WithOpenAiErrorAndHeaders() throws Exception {
        TenantKey limited = newTenantKey();
        JsonNode patched = admin("PATCH", "/admin/v1/tenants/" + limited.tenantId(),
                "{\"rate_limit_rps\":5,\"rate_limit_burst\":5}", 200);
        assertThat(patched.get("id").asText()).isEqualTo(limited.tenantId());
        assertThat(patched.get("rate_limit_rps").asInt()).isEqualTo(5);
        assertThat(patched.get("rate_limit_burst").asInt()).isEqualTo(5);
        assertThat(patched.get("rate_limit_default").asBoolean()).isFalse();

        int providerCallsBefore = OPENAI.received().size();
        long start = System.nanoTime();
        List<HttpResponse<String>> ok = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpResponse<String> r = chat(limited.key(), HELLO);
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                ok.add(r);
            }
        }
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;

        assertThat(refused).as("a 429 within 40 requests").isNotNull();
        // The whole burst first, then at most what the rate refilled while we were sending.
        assertThat(ok.size()).isBetween(5, 5 + (int) Math.ceil(elapsedSeconds * 5) + 1);
        assertThat(ok.getFirst().headers().firstValue("x-ratelimit-limit-requests")).hasValue("5");
        assertThat(ok.getFirst().headers().firstValue("x-ratelimit-remaining-requests")).hasValue("4");
        assertThat(ok).allSatisfy(r -> {
            assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).hasValue("5");
            assertThat(Integer.parseInt(r.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow())).isBetween(0, 4);
            assertThat(r.headers().firstValue("x-ratelimit-reset-requests").orElseThrow()).matches(RESET);
        });

        JsonNode error = readJson(refused.body()).get("error");
        assertThat(error.get("message").asText()).startsWith("Rate limit exceeded (burst): ");
        assertThat(error.get("type").asText()).isEqualTo("requests");
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(refused.headers().firstValue("retry-after")).hasValue("1");
        long retryMs = Long.parseLong(refused.headers().firstValue("retry-after-ms").orElseThrow());
        assertThat(retryMs).isBetween(1L, 200L);
        assertThat(refused.headers().firstValue("x-ratelimit-limit-requests")).hasValue("5");
        assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(refused.headers().firstValue("x-ratelimit-reset-requests").orElseThrow()).matches(RESET);
        assertThat(refused.headers().firstValue("x-request-id")).isPresent();
        assertThat(OPENAI.received().size() - providerCallsBefore).as("refused requests never reach a provider").isEqualTo(ok.size());

        // Retry-After means it: after that wait, the next request passes.
        Thread.sleep(retryMs + 20);
        assertThat(chat(limited.key(), HELLO).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherTenantIsUnaffectedAndStreamsCarryTheHeadersToo() {
        TenantKey limited = newTenantKey();
        admin("PATCH", "/admin/v1/tenants/" + limited.tenantId(), "{\"rate_limit_rps\":1,\"rate_limit_burst\":1}", 200);
        // Sent together, so that a slow first answer on a loaded machine cannot let the allowance refill in between.
        java.util.concurrent.CompletableFuture<Integer> first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> chat(limited.key(), HELLO).statusCode());
        int second = chat(limited.key(), HELLO).statusCode();
        assertThat(java.util.List.of(first.join(), second)).containsExactlyInAnyOrder(200, 429);

        TenantKey other = newTenantKey();
        HttpResponse<String> fine = chat(other.key(), HELLO);
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(fine.headers().firstValue("x-ratelimit-limit-requests")).hasValue("60");
        assertThat(fine.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("59");
        assertThat(fine.headers().firstValue("x-ratelimit-reset-requests").orElseThrow()).matches(RESET);

        HttpResponse<String> stream = chat(other.key(),
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("x-ratelimit-limit-requests")).hasValue("60");
        assertThat(stream.headers().firstValue("x-ratelimit-remaining-requests")).isPresent();
    }

    @Test
    void patchValidatesItsInputAndNullRestoresTheDefault() {
        TenantKey tenant = newTenantKey();
        String path = "/admin/v1/tenants/" + tenant.tenantId();
        for (String[] bad : new String[][] {
                {"{\"rate_limit_rps\":0}", "rate_limit_rps"},
                {"{\"rate_limit_rps\":-3}", "rate_limit_rps"},
                {"{\"rate_limit_rps\":1.5}", "rate_limit_rps"},
                {"{\"rate_limit_rps\":\"5\"}", "rate_limit_rps"},
                {"{\"rate_limit_rps\":100001}", "rate_limit_rps"},
                {"{\"rate_limit_rps\":5,\"rate_limit_burst\":0}", "rate_limit_burst"},
                {"{\"rate_limit_burst\":true}", "rate_limit_burst"},
                {"{\"rate_limit_rps\":5,\"name\":\"x\"}", "name"}}) {
            HttpResponse<String> r = send("PATCH", path, "Bearer " + ADMIN_TOKEN, bad[0]);
            assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
            JsonNode error = readJson(r.body()).get("error");
            assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.get("param").asText()).as(bad[0]).isEqualTo(bad[1]);
            assertThat(error.get("message").asText()).contains(bad[1]);
        }
        for (String body : new String[] {"{}", "[5]", "{not json"}) {
            HttpResponse<String> r = send("PATCH", path, "Bearer " + ADMIN_TOKEN, body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(readJson(r.body()).at("/error/message").asText()).isNotBlank();
        }
        // Nothing invalid was stored: the tenant still has the defaults.
        assertThat(chat(tenant.key(), HELLO).headers().firstValue("x-ratelimit-limit-requests")).hasValue("60");

        HttpResponse<String> unknown = send("PATCH", "/admin/v1/tenants/ten_doesnotexist", "Bearer " + ADMIN_TOKEN, "{\"rate_limit_rps\":5}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(readJson(unknown.body()).at("/error/code").asText()).isEqualTo("tenant_not_found");
        assertThat(send("PATCH", path, null, "{\"rate_limit_rps\":5}").statusCode()).isEqualTo(401);

        JsonNode onlyRate = admin("PATCH", path, "{\"rate_limit_rps\":7}", 200);
        assertThat(onlyRate.get("rate_limit_rps").asInt()).isEqualTo(7);
        assertThat(onlyRate.get("rate_limit_burst").asInt()).as("one second's worth").isEqualTo(7);
        JsonNode both = admin("PATCH", path, "{\"rate_limit_burst\":20}", 200);
        assertThat(both.get("rate_limit_rps").asInt()).isEqualTo(7);
        assertThat(both.get("rate_limit_burst").asInt()).isEqualTo(20);
        assertThat(chat(tenant.key(), HELLO).headers().firstValue("x-ratelimit-limit-requests")).hasValue("20");

        JsonNode reset = admin("PATCH", path, "{\"rate_limit_rps\":null,\"rate_limit_burst\":null}", 200);
        assertThat(reset.get("rate_limit_rps").asInt()).isEqualTo(60);
        assertThat(reset.get("rate_limit_burst").asInt()).isEqualTo(60);
        assertThat(reset.get("rate_limit_default").asBoolean()).isTrue();
        assertThat(reset.get("email").asText()).isEqualTo("ops@acme.test");
        assertThat(chat(tenant.key(), HELLO).headers().firstValue("x-ratelimit-limit-requests")).hasValue("60");
    }

    protected JsonNode rateLimiterHealth() {
        HttpResponse<String> health = send("GET", "/actuator/health", null, null);
        return readJson(health.body()).at("/components/rateLimiter");
    }
}
