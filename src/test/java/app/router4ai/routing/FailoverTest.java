package app.router4ai.routing;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.provider.ProviderHealth;
import app.router4ai.support.RouterTest;
import app.router4ai.support.RoutingFileCopy;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Failover with every fault the provider fakes can inject. OpenAI (fake) comes first in the fast tier,
 * DeepSeek (a second fake) next; Anthropic is configured but refuses connections.
 */
@AutoConfigureObservability(tracing = false)
class FailoverTest extends RouterTest {

    private static final FakeProvider DEEPSEEK = new FakeProvider(RouterTest::defaultAnswer);
    private static final RoutingFileCopy CATALOG = new RoutingFileCopy("/failover-models.yaml");
    private static final String MINI = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";

    @Autowired
    ProviderHealth health;

    @Autowired
    ModelCatalog catalog;

    TenantKey tenant;

    @DynamicPropertySource
    static void failoverProviders(DynamicPropertyRegistry registry) {
        registry.add("router.catalog.location", () -> "file:" + CATALOG.path());
        registry.add("router.catalog.watch-interval", () -> "500ms");
        registry.add("router.providers.deepseek.base-url", () -> DEEPSEEK.url() + "/v1");
        registry.add("router.providers.anthropic.base-url", () -> "http://127.0.0.1:" + closedPort());
        registry.add("router.providers.anthropic.api-key", () -> "sk-ant-test");
    }

    @BeforeEach
    void freshState() throws IOException {
        DEEPSEEK.reset(RouterTest::defaultAnswer);
        writeCatalog(original());
        catalog.reload();
        health.reset();
        tenant = newTenantKey();
    }

    @Test
    void aRefusedConnectionFailsOverToTheNextProvider() {
        HttpResponse<String> response = chat(tenant.key(), "{\"model\":\"claude-haiku-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = readJson(response.body());
        assertThat(body.at("/_ram/provider_used").asText()).isEqualTo("openai");
        assertThat(body.at("/_ram/failover_count").asInt()).isEqualTo(1);
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(response.headers().firstValue("x-ram-provider")).hasValue("openai");
        assertThat(response.headers().firstValue("x-ram-failover-count")).hasValue("1");
    }

    @ParameterizedTest(name = "HTTP {0} fails over")
    @ValueSource(ints = {500, 502, 503, 504, 529, 429, 401, 403})
    void providerSideFailuresFailOver(int status) {
        OPENAI.enqueue(FakeResponse.json(status, OpenAiFixtures.error("upstream trouble", "server_error", null, null)));
        HttpResponse<String> response = chat(tenant.key(), MINI);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(readJson(response.body()).at("/_ram/provider_used").asText()).isEqualTo("deepseek");
        assertThat(readJson(response.body()).at("/_ram/failover_count").asInt()).isEqualTo(1);
        assertThat(readJson(response.body()).get("model").asText()).isEqualTo("deepseek-chat");
        assertThat(DEEPSEEK.received()).hasSize(1);
    }

    @Test
    void aTimeoutFailsOver() {
        OPENAI.enqueue(FakeResponse.json(200, OpenAiFixtures.completion("gpt-4o-mini", "late", 1, 1)).delayed(2_000));
        long start = System.nanoTime();
        HttpResponse<String> response = chat(tenant.key(), MINI);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(readJson(response.body()).at("/_ram/provider_used").asText()).isEqualTo("deepseek");
        assertThat(tookMs).as("the 800 ms read timeout, not the 2 s delay").isLessThan(1_900);
    }

    @Test
    void aMalformedAnswerFailsOver() {
        OPENAI.enqueue(FakeResponse.raw(200, "application/json", "<html>bad gateway</html>"));
        assertThat(readJson(chat(tenant.key(), MINI).body()).at("/_ram/provider_used").asText()).isEqualTo("deepseek");
    }

    @ParameterizedTest(name = "HTTP {0} goes back to the client")
    @ValueSource(ints = {400, 404, 413, 422})
    void clientErrorsNeverFailOver(int status) {
        String error = OpenAiFixtures.error("bad request " + status, "invalid_request_error", "messages", null);
        OPENAI.enqueue(FakeResponse.json(status, error));
        HttpResponse<String> response = chat(tenant.key(), MINI);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(readJson(response.body())).isEqualTo(readJson(error));
        assertThat(DEEPSEEK.received()).isEmpty();
    }

    @Test
    void aPinnedRequestNeverTouchesAnotherProvider() {
        OPENAI.enqueue(FakeResponse.json(500, "{}"));
        HttpResponse<String> response = chat(tenant.key(), "{\"model\":\"openai:gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(readJson(response.body()).at("/error/code").asText()).isEqualTo("all_providers_failed");
        assertThat(DEEPSEEK.received()).isEmpty();
    }

    @Test
    void whenEveryCandidateFailsThe503ListsEachAttemptWithRetryAfter() {
        OPENAI.enqueue(FakeResponse.json(500, "{}"));
        DEEPSEEK.enqueue(FakeResponse.json(503, "{}"));
        HttpResponse<String> response = chat(tenant.key(), MINI);

        assertThat(response.statusCode()).isEqualTo(503);
        String message = readJson(response.body()).at("/error/message").asText();
        assertThat(message).contains("openai (HTTP 500)").contains("deepseek (HTTP 503)").contains("anthropic (connection refused)");
        assertThat(message).doesNotContain(OPENAI_KEY).doesNotContain("sk-ant-test");
        assertThat(response.headers().firstValue("retry-after")).isPresent();
    }

    @Test
    void a429sRetryAfterCoolsTheProviderDown() {
        OPENAI.enqueue(FakeResponse.json(429, OpenAiFixtures.error("slow down", "requests", null, "rate_limit_exceeded"))
                .withHeader("Retry-After", "2"));
        assertThat(readJson(chat(tenant.key(), MINI).body()).at("/_ram/provider_used").asText()).isEqualTo("deepseek");
        int callsToOpenAi = OPENAI.received().size();

        HttpResponse<String> during = chat(tenant.key(), MINI);
        assertThat(readJson(during.body()).at("/_ram/provider_used").asText()).isEqualTo("deepseek");
        assertThat(readJson(during.body()).at("/_ram/failover_count").asInt()).as("skipped, not failed").isZero();
        assertThat(OPENAI.received()).hasSize(callsToOpenAi);

        Awaitility.await().atMost(4, TimeUnit.SECONDS).pollInterval(250, TimeUnit.MILLISECONDS).untilAsserted(() ->
                assertThat(readJson(chat(tenant.key(), MINI).body()).at("/_ram/provider_used").asText()).isEqualTo("openai"));
    }

    @Test
    void theBreakerOpensStopsCallingTheProviderThenRecovers() {
        OPENAI.answerWith(request -> FakeResponse.json(500, "{}"));
        for (int i = 0; i < 3; i++) {
            assertThat(readJson(chat(tenant.key(), MINI).body()).at("/_ram/provider_used").asText()).isEqualTo("deepseek");
        }
        int callsWhenOpened = OPENAI.received().size();
        assertThat(callsWhenOpened).isEqualTo(3);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = chat(tenant.key(), MINI);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(readJson(response.body()).at("/_ram/failover_count").asInt()).isZero();
        }
        assertThat(OPENAI.received()).as("no call reaches an open breaker").hasSize(callsWhenOpened);

        OPENAI.answerWith(RouterTest::defaultAnswer);
        Awaitility.await().atMost(5, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).untilAsserted(() ->
                assertThat(readJson(chat(tenant.key(), MINI).body()).at("/_ram/provider_used").asText()).isEqualTo("openai"));
    }

    @Test
    void aStreamFailsOverBeforeItsFirstByte() {
        OPENAI.enqueue(FakeResponse.json(503, "{}"));
        HttpResponse<String> response = chat(tenant.key(),
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-ram-provider")).hasValue("deepseek");
        assertThat(response.body()).contains("Hello").endsWith("data: [DONE]\n\n");
        assertThat(response.body()).contains("\"provider_used\":\"deepseek\"").contains("\"failover_count\":1");
    }

    @Test
    void providerMetricsAndBreakerStatesAreExposed() {
        OPENAI.enqueue(FakeResponse.json(500, "{}"));
        chat(tenant.key(), MINI);

        String metrics = send("GET", "/actuator/prometheus", null, null).body();
        assertThat(metrics).contains("router_provider_requests_total{outcome=\"failure\",provider=\"openai\"}")
                .contains("router_provider_failures_total{provider=\"openai\",reason=\"http_5xx\"}")
                .contains("router_failovers_total{from=\"openai\",tier=\"fast\"}")
                .contains("router_provider_latency_seconds_bucket{provider=\"deepseek\"")
                .contains("router_provider_breaker_state{provider=\"openai\"}")
                // served without Spring MVC's mapping, still tagged by its route path
                .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*uri=\"/v1/chat/completions\"\\}");
        JsonNode health = readJson(send("GET", "/actuator/health", null, null).body());
        assertThat(health.at("/components/providers/details/openai/breaker").asText()).isEqualTo("closed");
        assertThat(health.at("/components/providers/details/gemini/configured").asBoolean()).isFalse();
    }

    @Test
    void anEditOfTheRoutingFileChangesRoutingWithoutARestart() throws IOException {
        writeCatalog(original().replace("strategy: affinity", "strategy: cheapest"));
        // deepseek-chat lists at $0.70/M tokens in+out, gpt-4o-mini at $0.75/M: cheapest goes to DeepSeek first.
        Awaitility.await().atMost(5, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).untilAsserted(() ->
                assertThat(readJson(chat(tenant.key(), MINI).body()).at("/_ram/provider_used").asText()).isEqualTo("deepseek"));
    }

    @Test
    void anInvalidEditIsRejectedAndRoutingStaysAsItWas() throws Exception {
        writeCatalog(original().replace("tier: fast, provider: deepseek", "tier: turbo, provider: deepseek")
                .replace("strategy: affinity", "strategy: cheapest"));
        Thread.sleep(1_500);
        assertThat(catalog.current().tier("fast").strategy()).isEqualTo(TierPolicy.Strategy.AFFINITY);
        assertThat(readJson(chat(tenant.key(), MINI).body()).at("/_ram/provider_used").asText()).isEqualTo("openai");
        assertThat(catalog.reload()).isFalse();
    }

    private static String original() throws IOException {
        return CATALOG.original();
    }

    private static void writeCatalog(String text) throws IOException {
        CATALOG.write(text);
    }
}
