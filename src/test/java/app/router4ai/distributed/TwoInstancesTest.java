package app.router4ai.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.Router4aiApplication;
import app.router4ai.fake.FakeProvider;
import app.router4ai.support.PostgresAvailable;
import app.router4ai.support.PostgresTest;
import app.router4ai.support.RedisAvailable;
import app.router4ai.support.RedisTest;
import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Distributed mode: two router instances on one PostgreSQL and one Redis behave as one router.
 * Keys, revocations, rate limits and cached answers are shared.
 */
@PostgresTest
@RedisTest
class TwoInstancesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private static final FakeProvider OPENAI = new FakeProvider(RouterTest::defaultAnswer);
    private static final String HELLO = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static String urlA;
    private static String urlB;

    @BeforeAll
    static void startTwoInstances() throws IOException {
        String schema = PostgresAvailable.SCHEMA + "_two";
        a = start("a", schema);
        b = start("b", schema);
        urlA = "http://127.0.0.1:" + a.getEnvironment().getProperty("local.server.port");
        urlB = "http://127.0.0.1:" + b.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        OPENAI.close();
    }

    private static ConfigurableApplicationContext start(String name, String schema) throws IOException {
        Map<String, Object> props = new java.util.HashMap<>();
        props.put("server.port", 0);
        props.put("camel.main.name", "router4ai-" + name);
        props.put("spring.datasource.url", PostgresAvailable.URL + "?currentSchema=" + schema);
        props.put("spring.datasource.username", PostgresAvailable.USER);
        props.put("spring.flyway.schemas", schema);
        props.put("spring.flyway.create-schemas", true);
        props.put("spring.data.redis.url", RedisAvailable.URL);
        props.put("router.ratelimit.redis-key-prefix", RedisAvailable.PREFIX + "two:");
        props.put("router.cache.redis-key-prefix", RedisAvailable.PREFIX + "two-cache:");
        props.put("router.ratelimit.limits-refresh", "1s");
        props.put("router.data-dir", Files.createTempDirectory("router4ai-" + name).toString());
        props.put("router.providers.openai.base-url", OPENAI.url() + "/v1");
        props.put("router.providers.openai.api-key", RouterTest.OPENAI_KEY);
        props.put("router.admin-token", RouterTest.ADMIN_TOKEN);
        // As command-line arguments: they outrank application.yaml, as an operator's environment would.
        return new SpringApplicationBuilder(Router4aiApplication.class)
                .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @Test
    void aKeyCreatedOnOneInstanceWorksOnTheOtherAndItsRevocationReachesItWithinFiveSeconds() throws Exception {
        String[] key = tenantWithKey();
        assertThat(chat(urlB, key[1], HELLO).statusCode()).isEqualTo(200);
        assertThat(chat(urlA, key[1], HELLO).statusCode()).isEqualTo(200);

        send("DELETE", urlA + "/admin/v1/keys/" + key[2], "Bearer " + RouterTest.ADMIN_TOKEN, null);
        long revokedAt = System.nanoTime();
        long refusedAfterMs = -1;
        while (System.nanoTime() - revokedAt < 10_000_000_000L) {
            if (chat(urlB, key[1], HELLO).statusCode() == 401) {
                refusedAfterMs = (System.nanoTime() - revokedAt) / 1_000_000;
                break;
            }
            Thread.sleep(100);
        }
        System.out.printf("two instances: key revoked on A refused on B after %d ms%n", refusedAfterMs);
        assertThat(refusedAfterMs).isBetween(0L, 5_000L);
    }

    @Test
    void aResponseCachedByOneInstanceIsAHitOnTheOther() throws Exception {
        String[] key = tenantWithKey();
        String question = "{\"model\":\"gpt-4o-mini\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"shared "
                + System.nanoTime() + "\"}]}";
        assertThat(JSON.readTree(chat(urlA, key[1], question).body()).at("/_ram/cache_hit").asBoolean()).isFalse();
        JsonNode onB = JSON.readTree(chat(urlB, key[1], question).body());
        assertThat(onB.at("/_ram/cache_hit").asBoolean()).isTrue();
    }

    @Test
    void theCombinedRateAcrossBothInstancesStaysWithinTenPercentOfTheLimit() throws Exception {
        burst(urlA, urlB);   // warm-up: a cold instance takes over a second for its first answers, which skews the window
        Burst both = burst(urlA, urlB);
        Burst one = burst(urlA, urlA);
        System.out.printf("one instance: %s%ntwo instances: %s%n", one, both);
        assertThat((double) both.admitted()).isBetween(both.atLeast() * 0.9, both.atMost() * 1.1);
        assertThat((double) one.admitted()).isBetween(one.atLeast() * 0.9, one.atMost() * 1.1);
    }

    @Test
    void aBudgetSpentThroughOneInstanceIsRefusedOnTheOtherWithinAFlushAndAReconcileInterval() throws Exception {
        String[] key = tenantWithKey();
        admin("PUT", urlA + "/admin/v1/keys/" + key[2] + "/budget", "{\"limit_tokens\":64,\"period\":\"day\"}");
        awaitBudgetKnownOn(urlB, key[2]);
        assertThat(chat(urlA, key[1], HELLO).statusCode()).isEqualTo(200);
        assertThat(chat(urlA, key[1], HELLO).statusCode()).isEqualTo(200);
        long spentAt = System.nanoTime();
        long refusedAfterMs = -1;
        while (System.nanoTime() - spentAt < 15_000_000_000L) {
            HttpResponse<String> onB = chat(urlB, key[1], HELLO);
            if (onB.statusCode() == 402) {
                refusedAfterMs = (System.nanoTime() - spentAt) / 1_000_000;
                assertThat(JSON.readTree(onB.body()).at("/error/code").asText()).isEqualTo("budget_exceeded");
                break;
            }
            Thread.sleep(200);
        }
        System.out.printf("two instances: budget spent on A refused on B after %d ms%n", refusedAfterMs);
        // One ledger flush (200 ms) plus one reconcile interval (5 s), with room for a loaded machine.
        assertThat(refusedAfterMs).isBetween(0L, 10_000L);
    }

    /**
     * The overshoot bound, measured: a budget of 10 requests' tokens, then N concurrent requests split over both
     * instances at once (each admitted while its instance saw budget left overshoots by its own tokens), then both
     * instances hammered until each refuses (what one spends within a flush and a reconcile interval the other
     * does not see yet).
     */
    @Test
    void theOvershootOfABudgetAcrossTwoInstancesStaysWithinTheDocumentedBound() throws Exception {
        String[] key = tenantWithKey();
        send("PATCH", urlA + "/admin/v1/tenants/" + key[0], "Bearer " + RouterTest.ADMIN_TOKEN,
                "{\"rate_limit_rps\":100000,\"rate_limit_burst\":100000}");
        admin("PUT", urlA + "/admin/v1/keys/" + key[2] + "/budget", "{\"limit_tokens\":320,\"period\":\"day\"}");
        awaitBudgetKnownOn(urlB, key[2]);
        Thread.sleep(1_200);   // B picks the raised limits up within limits-refresh
        int concurrent = 40;
        AtomicInteger admitted = new AtomicInteger();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int c = 0; c < concurrent; c++) {
                String url = c % 2 == 0 ? urlA : urlB;
                running.add(clients.submit(() -> {
                    go.await();
                    if (chat(url, key[1], HELLO).statusCode() == 200) {
                        admitted.incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : running) {
                f.get();
            }
        }
        int burstAdmitted = admitted.get();
        System.out.printf("two instances: budget of 10 requests (320 tokens); %d concurrent requests at once, half on each: "
                + "%d admitted, overshoot %d requests (bound: %d, every concurrent request)%n",
                concurrent, burstAdmitted, burstAdmitted - 10, concurrent - 10);
        assertThat(burstAdmitted).isBetween(10, concurrent);
        assertThat(chat(urlA, key[1], HELLO).statusCode()).isEqualTo(402);
        assertThat(chat(urlB, key[1], HELLO).statusCode()).isEqualTo(402);

        // Sustained: a budget of 100 requests, 4 clients on each instance as fast as they go until refused. Each
        // instance sees the other's spend one flush plus one reconcile interval late.
        String[] second = tenantWithKey();
        send("PATCH", urlA + "/admin/v1/tenants/" + second[0], "Bearer " + RouterTest.ADMIN_TOKEN,
                "{\"rate_limit_rps\":100000,\"rate_limit_burst\":100000}");
        admin("PUT", urlA + "/admin/v1/keys/" + second[2] + "/budget", "{\"limit_tokens\":3200,\"period\":\"day\"}");
        awaitBudgetKnownOn(urlB, second[2]);
        Thread.sleep(1_200);
        AtomicInteger onA = new AtomicInteger();
        AtomicInteger onB = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                String url = c % 2 == 0 ? urlA : urlB;
                AtomicInteger count = c % 2 == 0 ? onA : onB;
                running.add(clients.submit(() -> {
                    long until = System.nanoTime() + 30_000_000_000L;
                    while (System.nanoTime() < until && chat(url, second[1], HELLO).statusCode() == 200) {
                        count.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        int total = onA.get() + onB.get();
        System.out.printf("two instances: budget of 100 requests (3,200 tokens); 4 clients on each instance until refused: "
                + "%d admitted (A %d, B %d) in %d ms, overshoot %d requests%n", total, onA.get(), onB.get(),
                (System.nanoTime() - start) / 1_000_000, total - 100);
        // Each instance alone stops at the budget plus its concurrent requests: at most twice the budget plus 8.
        assertThat(total).isBetween(100, 2 * 100 + 8);
    }

    @Test
    void anIdempotentRequestAnsweredByOneInstanceIsReplayedByTheOther() throws Exception {
        String[] key = tenantWithKey();
        HttpResponse<String> first = send("POST", urlA + "/v1/chat/completions", "Bearer " + key[1], HELLO,
                "Idempotency-Key", "two-1");
        HttpResponse<String> retry = send("POST", urlB + "/v1/chat/completions", "Bearer " + key[1], HELLO,
                "Idempotency-Key", "two-1");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("x-ram-idempotent-replay")).contains("true");
        assertThat(JSON.readTree(retry.body())).isEqualTo(JSON.readTree(first.body()));
    }

    private static void admin(String method, String url, String body) {
        HttpResponse<String> response = send(method, url, "Bearer " + RouterTest.ADMIN_TOKEN, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Budgets set through A reach B with its next reconciliation (router.billing.reconcile-interval). */
    private static void awaitBudgetKnownOn(String url, String keyId) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                send("GET", url + "/admin/v1/keys/" + keyId + "/budget", "Bearer " + RouterTest.ADMIN_TOKEN, null)
                        .statusCode() == 200);
    }

    /**
     * What GCRA at 60/s, burst 60, must admit of a burst: at most what the whole burst's time allows, at least
     * what the time from the first answer (the limiter had seen a request by then) to the last request sent allows.
     */
    private record Burst(int admitted, long firstAnswerMs, long lastSentMs, long elapsedMs) {
        double atMost() {
            return 60 + 60 * elapsedMs / 1000.0;
        }

        double atLeast() {
            return 60 + 60 * Math.max(0, lastSentMs - firstAnswerMs) / 1000.0;
        }

        @Override
        public String toString() {
            return String.format("%d admitted of 1,000 in %.2f s (GCRA allows %.0f to %.0f)", admitted, elapsedMs / 1000.0,
                    atLeast(), atMost());
        }
    }

    /**
     * 1,000 requests from 50 concurrent clients, alternating between two URLs, as fast as they go, for a
     * fresh tenant limited to 60/s with a burst of 60.
     */
    private static Burst burst(String first, String second) throws Exception {
        String[] key = tenantWithKey();
        send("PATCH", urlA + "/admin/v1/tenants/" + key[0], "Bearer " + RouterTest.ADMIN_TOKEN,
                "{\"rate_limit_rps\":60,\"rate_limit_burst\":60}");
        Thread.sleep(1_200); // B picks the limits up within limits-refresh
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicLong firstAnswer = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastSent = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 50; c++) {
                running.add(clients.submit(() -> {
                    int n;
                    while ((n = sent.getAndIncrement()) < 1_000) {
                        lastSent.accumulateAndGet(System.nanoTime() - start, Math::max);
                        int status = chat(n % 2 == 0 ? first : second, key[1], HELLO).statusCode();
                        firstAnswer.accumulateAndGet(System.nanoTime() - start, Math::min);
                        if (status == 200) {
                            ok.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return new Burst(ok.get(), firstAnswer.get() / 1_000_000, lastSent.get() / 1_000_000,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** {tenant id, key, key id}, created through instance A. */
    private static String[] tenantWithKey() throws IOException {
        JsonNode tenant = JSON.readTree(send("POST", urlA + "/admin/v1/tenants", "Bearer " + RouterTest.ADMIN_TOKEN,
                "{\"name\":\"Two\",\"email\":\"two@x.test\"}").body());
        JsonNode key = JSON.readTree(send("POST", urlA + "/admin/v1/tenants/" + tenant.get("id").asText() + "/keys",
                "Bearer " + RouterTest.ADMIN_TOKEN, "{\"name\":\"k\"}").body());
        return new String[] {tenant.get("id").asText(), key.get("key").asText(), key.get("id").asText()};
    }

    private static HttpResponse<String> chat(String url, String key, String body) {
        return send("POST", url + "/v1/chat/completions", "Bearer " + key, body);
    }

    private static HttpResponse<String> send(String method, String url, String authorization, String body,
                                             String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
