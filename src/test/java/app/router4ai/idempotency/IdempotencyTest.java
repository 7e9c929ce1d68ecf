package app.router4ai.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.budget.SpendRouterTest;
import app.router4ai.fake.FakeResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key: a retry gets the first answer (a stream as the same stream) with no second provider call and no
 * second ledger row; another body or a request still in flight is a 409; a failed request frees its key.
 */
class IdempotencyTest extends SpendRouterTest {

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerWithoutASecondProviderCallOrLedgerRow() throws Exception {
        TenantKey tenant = newTenantKey();
        HttpResponse<String> first = chat(tenant.key(), HELLO, "Idempotency-Key", "order-1");
        HttpResponse<String> retry = chat(tenant.key(), HELLO, "Idempotency-Key", "order-1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(readJson(retry.body())).isEqualTo(readJson(first.body()));
        assertThat(retry.headers().firstValue("x-ram-idempotent-replay")).contains("true");
        assertThat(first.headers().firstValue("x-ram-idempotent-replay")).isEmpty();
        assertThat(OPENAI.received()).hasSize(1);
        assertExactlyOneRow(tenant);

        // Without the key, or with another one, it is a new request.
        assertThat(chat(tenant.key(), HELLO, "Idempotency-Key", "order-2").statusCode()).isEqualTo(200);
        assertThat(OPENAI.received()).hasSize(2);
    }

    @Test
    void aStreamedRequestIsReplayedAsTheSameStream() throws Exception {
        TenantKey tenant = newTenantKey();
        HttpResponse<String> first = chat(tenant.key(), HELLO_STREAM, "Idempotency-Key", "stream-1");
        assertThat(first.body()).endsWith("data: [DONE]\n\n");
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> rows(tenant.tenantId()) == 1);
        HttpResponse<String> retry = chat(tenant.key(), HELLO_STREAM, "Idempotency-Key", "stream-1");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(OPENAI.received()).hasSize(1);
        assertExactlyOneRow(tenant);
    }

    @Test
    void theSameKeyWithAnotherBodyIs409AndAnotherWorkspaceHasItsOwnKeys() {
        TenantKey tenant = newTenantKey();
        assertThat(chat(tenant.key(), HELLO, "Idempotency-Key", "k").statusCode()).isEqualTo(200);
        HttpResponse<String> other = chat(tenant.key(), HELLO.replace("Hello", "Bye"), "Idempotency-Key", "k");
        assertThat(other.statusCode()).isEqualTo(409);
        JsonNode error = readJson(other.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(error.get("param").asText()).isEqualTo("Idempotency-Key");

        TenantKey stranger = newTenantKey();
        assertThat(chat(stranger.key(), HELLO, "Idempotency-Key", "k").headers().firstValue("x-ram-idempotent-replay")).isEmpty();
        assertThat(OPENAI.received()).hasSize(2);
    }

    @Test
    void aRequestStillInFlightIs409AndItsAnswerIsReplayedOnceItEnds() throws Exception {
        TenantKey tenant = newTenantKey();
        OPENAI.enqueue(FakeResponse.json(200, app.router4ai.fake.OpenAiFixtures.completion("gpt-4o-mini", "Slow", 14, 18))
                .delayed(3_000));
        CompletableFuture<HttpResponse<String>> first =
                CompletableFuture.supplyAsync(() -> chat(tenant.key(), HELLO, "Idempotency-Key", "slow"));
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> OPENAI.received().size() == 1);
        HttpResponse<String> meanwhile = chat(tenant.key(), HELLO, "Idempotency-Key", "slow");
        assertThat(meanwhile.statusCode()).isEqualTo(409);
        assertThat(readJson(meanwhile.body()).at("/error/code").asText()).isEqualTo("idempotency_request_in_progress");

        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() ->
                chat(tenant.key(), HELLO, "Idempotency-Key", "slow").statusCode() == 200);
        assertThat(readJson(chat(tenant.key(), HELLO, "Idempotency-Key", "slow").body()).at("/choices/0/message/content").asText())
                .isEqualTo("Slow");
        assertThat(OPENAI.received()).hasSize(1);
    }

    @Test
    void aFailedRequestFreesItsKey() {
        TenantKey tenant = newTenantKey();
        OPENAI.answerWith(request -> FakeResponse.json(400, """
                {"error":{"message":"bad","type":"invalid_request_error","param":null,"code":null}}"""));
        assertThat(chat(tenant.key(), HELLO, "Idempotency-Key", "retry-me").statusCode()).isEqualTo(400);
        OPENAI.reset(SpendRouterTest::defaultAnswer);
        HttpResponse<String> retry = chat(tenant.key(), HELLO, "Idempotency-Key", "retry-me");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("x-ram-idempotent-replay")).isEmpty();
    }

    @Test
    void otherEndpointsReplayTooAndABadKeyIs400() {
        TenantKey tenant = newTenantKey();
        String embed = "{\"model\":\"text-embedding-3-small\",\"input\":\"Hello\"}";
        HttpResponse<String> first = send("POST", "/v1/embeddings", "Bearer " + tenant.key(), embed, "Idempotency-Key", "e1");
        HttpResponse<String> again = send("POST", "/v1/embeddings", "Bearer " + tenant.key(), embed, "Idempotency-Key", "e1");
        assertThat(again.body()).isEqualTo(first.body());
        String message = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        HttpResponse<String> m1 = send("POST", "/v1/messages", "Bearer " + tenant.key(), message, "Idempotency-Key", "m1",
                "anthropic-version", "2023-06-01");
        HttpResponse<String> m2 = send("POST", "/v1/messages", "Bearer " + tenant.key(), message, "Idempotency-Key", "m1",
                "anthropic-version", "2023-06-01");
        assertThat(m2.body()).isEqualTo(m1.body());
        assertThat(OPENAI.received()).hasSize(2);

        HttpResponse<String> bad = chat(tenant.key(), HELLO, "Idempotency-Key", "x".repeat(300));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(readJson(bad.body()).at("/error/param").asText()).isEqualTo("Idempotency-Key");
    }

    private void assertExactlyOneRow(TenantKey tenant) throws InterruptedException {
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> rows(tenant.tenantId()) >= 1);
        Thread.sleep(500);   // several flush intervals: a second row would have landed by now
        assertThat(rows(tenant.tenantId())).isEqualTo(1);
    }
}
