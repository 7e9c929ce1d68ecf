package app.router4ai.billing.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.billing.BillingRouterTest;
import app.router4ai.fake.FakeStripe;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Meter events go out from the outbox: a Stripe outage delays them, loses none, and sends none twice. */
public class StripeMeterOutageTest extends BillingRouterTest {

    @Test
    void stripeDownDuring500RequestsThenBackDeliversEachEventOnce() throws Exception {
        TenantKey tenant = newTenantKey();
        makePaid(tenant.tenantId(), "cus_outage");
        STRIPE.hangFor(800); // past the client's 500 ms read timeout
        STRIPE.fail(FakeStripe.Failure.SERVER_ERROR);

        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        Semaphore inFlight = new Semaphore(100);
        AtomicInteger sent = new AtomicInteger();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 500; i++) {
                String body = i % 2 == 0 ? HELLO : HELLO_STREAM;
                inFlight.acquire();
                answers.add(clients.submit(() -> {
                    try {
                        return chat(tenant.key(), body);
                    } finally {
                        inFlight.release();
                        // Vary the outage: errors, then hangs, then answers lost after Stripe recorded the event.
                        int n = sent.incrementAndGet();
                        if (n == 150) {
                            STRIPE.fail(FakeStripe.Failure.HANG);
                        } else if (n == 300) {
                            STRIPE.fail(FakeStripe.Failure.ACCEPT_THEN_HANG);
                        }
                    }
                }));
            }
        }
        for (Future<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).isEqualTo(200);
        }
        awaitRows(tenant.tenantId(), 500, 30);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stripe_outbox WHERE tenant_id = ?", Long.class, tenant.tenantId()))
                .isEqualTo(500);
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> STRIPE.failedCalls() > 5);
        assertThat(STRIPE.meterEvents().size()).isLessThan(500);

        STRIPE.fail(FakeStripe.Failure.NONE);
        Awaitility.await().atMost(60, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS)
                .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM stripe_outbox WHERE tenant_id = ? AND sent_at IS NULL",
                        Long.class, tenant.tenantId()) == 0);

        Set<String> requestIds = Set.copyOf(jdbc.queryForList("SELECT request_id FROM usage_records WHERE tenant_id = ?",
                String.class, tenant.tenantId()));
        assertThat(STRIPE.meterEvents().keySet()).containsExactlyInAnyOrderElementsOf(requestIds);
        assertThat(STRIPE.meterEventCreations().values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(STRIPE.duplicateIdentifiers()).isZero();
        assertThat(STRIPE.meterEvents().values()).allSatisfy(event -> {
            assertThat(event.get("event_name").asText()).isEqualTo("router4ai_tokens");
            assertThat(event.path("payload").path("stripe_customer_id").asText()).isEqualTo("cus_outage");
            assertThat(event.path("payload").path("value").asText()).isEqualTo("32");
        });
        List<FakeStripe.Received> calls = STRIPE.received("/v1/billing/meter_events");
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.headers().get("idempotency-key")).isEqualTo("r4a-meter-" + call.form().get("identifier"));
            assertThat(call.headers()).containsKey("stripe-version");
        });
        System.out.printf("STRIPE: 500 events delivered once each after %d failed calls and %d idempotent replays (%d calls)%n",
                STRIPE.failedCalls(), STRIPE.replays(), calls.size());
    }

    @Test
    void trialTenantsSendNoMeterEvents() {
        TenantKey tenant = newTenantKey();
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
        awaitRows(tenant.tenantId(), 1, 5);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stripe_outbox WHERE tenant_id = ?", Long.class, tenant.tenantId()))
                .isZero();
    }
}
