package app.router4ai.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.support.RouterTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * LLM calls are long: a router serves as many at once as it has connections for. (Jetty's virtual-thread pool
 * let 200 run at a time; the 201st waited for one of them to end, a streamed answer a minute or more.)
 */
class ManyConcurrentCallsTest extends RouterTest {

    private static final int CALLS = 300;

    @Test
    void threeHundredCallsAreAtTheProviderAtTheSameTime() throws Exception {
        TenantKey tenant = newTenantKey();
        admin("PATCH", "/admin/v1/tenants/" + tenant.tenantId(), "{\"rate_limit_rps\":1000,\"rate_limit_burst\":1000}", 200);
        CountDownLatch allArrived = new CountDownLatch(CALLS);
        AtomicInteger answeredTogether = new AtomicInteger();
        // The provider holds every call until all of them are in (or 15 s have passed).
        OPENAI.answerWith(request -> {
            allArrived.countDown();
            try {
                if (allArrived.await(15, TimeUnit.SECONDS)) {
                    answeredTogether.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeResponse.json(200, OpenAiFixtures.completion("gpt-4o-mini", "Together.", 14, 18));
        });

        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CALLS; i++) {
                answers.add(clients.submit(() -> chat(tenant.key(),
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
            }
        }
        for (Future<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
        }
        assertThat(answeredTogether).hasValue(CALLS);
    }
}
