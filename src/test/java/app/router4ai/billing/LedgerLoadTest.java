package app.router4ai.billing;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The ledger under load: exactly one row per request, token sums equal to what the provider reported. */
class LedgerLoadTest extends BillingRouterTest {

    @Autowired
    UsageLedger ledger;

    @Test
    void thousandConcurrentRequestsWriteExactlyThousandRows() throws Exception {
        TenantKey tenant = newTenantKey();
        int requests = 1000;
        long start = System.nanoTime();
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                String body = i % 2 == 0 ? HELLO : HELLO_STREAM;
                answers.add(clients.submit(() -> chat(tenant.key(), body)));
            }
        }
        for (Future<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
        }
        awaitRows(tenant.tenantId(), requests, 30);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("LEDGER: %d concurrent requests answered and recorded in %.2f s (%.0f req/s end to end)%n",
                requests, seconds, requests / seconds);

        Map<String, Object> sums = jdbc.queryForMap("SELECT COUNT(DISTINCT request_id) AS ids, SUM(prompt_tokens) AS p,"
                + " SUM(completion_tokens) AS c, SUM(CASE WHEN stream THEN 1 ELSE 0 END) AS streams FROM usage_records"
                + " WHERE tenant_id = ?", tenant.tenantId());
        assertThat(((Number) sums.get("ids")).longValue()).isEqualTo(requests);
        assertThat(((Number) sums.get("p")).longValue()).isEqualTo(14L * requests);
        assertThat(((Number) sums.get("c")).longValue()).isEqualTo(18L * requests);
        assertThat(((Number) sums.get("streams")).longValue()).isEqualTo(requests / 2);
        Thread.sleep(300); // nothing more arrives later
        assertThat(rows(tenant.tenantId())).isEqualTo(requests);
        assertThat(balance.of(tenant.tenantId()).usedTokens()).isEqualTo(32L * requests);
    }

    @Test
    void ledgerWriteThroughput() {
        TenantKey tenant = newTenantKey();
        balance.of(tenant.tenantId());
        int n = 20_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            UsageRow row = new UsageRow(UUID.randomUUID().toString(), tenant.tenantId(), tenant.keyId(), "gpt-4o-mini",
                    "gpt-4o-mini", "openai", "fast", 10, 5, 0, new BigDecimal("0.0001"), 1, 0, false, false, Instant.now());
            balance.recorded(row);
            ledger.record(row);
        }
        long enqueueNanos = System.nanoTime() - start;
        awaitRows(tenant.tenantId(), n, 60);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("LEDGER: %d rows recorded in %.1f ms (%.0f ns/record on the caller), committed in %.2f s: %.0f rows/s%n",
                n, enqueueNanos / 1e6, (double) enqueueNanos / n, seconds, n / seconds);
        assertThat(balance.of(tenant.tenantId()).usedTokens()).isEqualTo(15L * n);
    }

    @Test
    void aClientThatHangsUpMidStreamIsBilledWhatTheProviderProduced() throws Exception {
        TenantKey tenant = newTenantKey();
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini",
                List.of("one", " two", " three", " four", " five", " six"), 14, 18)).spaced(150));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + tenant.key()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(HELLO_STREAM)).build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(body.read(new byte[64])).isPositive(); // the first event, then the client is gone
        }
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> rows(tenant.tenantId()) == 1);
        Map<String, Object> row = jdbc.queryForMap("SELECT prompt_tokens, completion_tokens, stream FROM usage_records WHERE tenant_id = ?",
                tenant.tenantId());
        assertThat(((Number) row.get("prompt_tokens")).longValue()).isEqualTo(14);
        assertThat(((Number) row.get("completion_tokens")).longValue()).isEqualTo(18);
        assertThat(row.get("stream")).isEqualTo(true);
        CompletableFuture.completedFuture(null);
    }
}
