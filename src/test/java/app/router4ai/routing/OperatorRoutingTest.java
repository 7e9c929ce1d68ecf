package app.router4ai.routing;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.chat.SseLines;
import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.provider.ProviderHealth;
import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Routing an operator shapes in the routing file alone: a provider added by a few lines of YAML (Groq, an
 * OpenAI-compatible fake), two deployments of one model (OpenAI and a second OpenAI organisation), Azure
 * OpenAI, named tiers and groups, a request's own fallbacks, and providers added and removed by a reload.
 */
class OperatorRoutingTest extends RouterTest {

    private static final FakeProvider GROQ = new FakeProvider(RouterTest::defaultAnswer);
    private static final FakeProvider ORG_B = new FakeProvider(RouterTest::defaultAnswer);
    private static final FakeProvider AZURE = new FakeProvider(OperatorRoutingTest::azure);
    private static final FakeProvider MISTRAL = new FakeProvider(RouterTest::defaultAnswer);
    private static final FakeProvider DEEPSEEK = new FakeProvider(RouterTest::defaultAnswer);
    private static final String AZURE_KEY = "azure-test-key-1234";
    private static final Path FILE = routingFile();

    @Autowired
    ModelCatalog catalog;

    @Autowired
    ProviderHealth health;

    TenantKey tenant;

    @DynamicPropertySource
    static void routing(DynamicPropertyRegistry registry) {
        registry.add("router.catalog.location", () -> "file:" + FILE);
        registry.add("router.catalog.watch-interval", () -> "1h");   // each test reloads when it means to
        registry.add("GROQ_API_KEY", () -> "gsk-test-groq");
        registry.add("OPENAI_ORG_B_KEY", () -> "sk-test-org-b");
        registry.add("AZURE_EAST_KEY", () -> AZURE_KEY);
        registry.add("MISTRAL_API_KEY", () -> "mistral-test-key");
        registry.add("router.providers.deepseek.base-url", () -> DEEPSEEK.url() + "/v1");
    }

    @BeforeEach
    void fresh() throws IOException {
        GROQ.reset(RouterTest::defaultAnswer);
        ORG_B.reset(RouterTest::defaultAnswer);
        AZURE.reset(OperatorRoutingTest::azure);
        MISTRAL.reset(RouterTest::defaultAnswer);
        DEEPSEEK.reset(RouterTest::defaultAnswer);
        write(routing(""));
        assertThat(catalog.reload()).isTrue();
        health.reset();
        tenant = newTenantKey();
    }

    /** Azure OpenAI as documented: the key in api-key, the deployment in the path, api-version in the query. */
    static FakeResponse azure(FakeProvider.Received request) {
        if (!AZURE_KEY.equals(request.headers().get("api-key")) || request.headers().containsKey("authorization")) {
            return FakeResponse.json(401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key.\"}}");
        }
        if (!request.path().equals("/openai/deployments/gpt4o-east/chat/completions?api-version=2024-10-21")) {
            return FakeResponse.json(404, "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}");
        }
        return RouterTest.defaultAnswer(request);
    }

    @Test
    void aProviderAddedOnlyInTheRoutingFileAnswers() {
        HttpResponse<String> response = chat(tenant.key(), body("llama-3.3-70b", "hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(readJson(response.body()).at("/_ram/provider_used").asText()).isEqualTo("groq");
        assertThat(readJson(response.body()).at("/choices/0/message/content").asText()).isEqualTo("Hello there!");
        assertThat(GROQ.last().path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(GROQ.last().headers().get("authorization")).isEqualTo("Bearer gsk-test-groq");
        assertThat(GROQ.last().json().get("model").asText()).isEqualTo("llama-3.3-70b-versatile");
    }

    @Test
    void aProviderAddedOnlyInTheRoutingFileStreams() {
        HttpResponse<String> response = chat(tenant.key(), body("llama-3.3-70b", "hi").replace("{", "{\"stream\":true,"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-ram-provider")).hasValue("groq");
        List<String> data = SseLines.data(response.body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        assertThat(String.join("", data.stream().filter(d -> !d.equals("[DONE]"))
                .map(d -> readJson(d).at("/choices/0/delta/content").asText("")).toList())).isEqualTo("Hello there!");
    }

    @Test
    void aProviderAddedOnlyInTheRoutingFileFailsOver() {
        GROQ.enqueue(FakeResponse.json(503, OpenAiFixtures.error("over capacity", "server_error", null, null)));

        HttpResponse<String> response = chat(tenant.key(), body("llama-3.3-70b", "hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = readJson(response.body());
        assertThat(answer.at("/_ram/failover_count").asInt()).isEqualTo(1);
        assertThat(answer.at("/_ram/provider_used").asText()).isIn("openai", "openai-org-b");
        assertThat(answer.get("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void twoDeploymentsOfOneModelShareTheLoadByWeight() {
        for (int i = 0; i < 80; i++) {
            assertThat(chat(tenant.key(), body("gpt-4o-mini", "request " + i)).statusCode()).isEqualTo(200);
        }
        // weights 3 : 1, so about 60 : 20 (the chance that the lighter one gets as many is below one in a million)
        assertThat(ORG_B.received()).isNotEmpty();
        assertThat(OPENAI.received().size()).isGreaterThan(ORG_B.received().size());
        assertThat(OPENAI.received().size() + ORG_B.received().size()).isEqualTo(80);
        assertThat(ORG_B.last().headers().get("authorization")).isEqualTo("Bearer sk-test-org-b");
    }

    @Test
    void oneDeploymentFailingLeavesTheOtherServing() {
        ORG_B.answerWith(r -> FakeResponse.json(500, OpenAiFixtures.error("boom", "server_error", null, null)));

        int sent = 0;
        while (ORG_B.received().size() < 3 && sent < 300) {   // until its breaker has seen enough failures to open
            HttpResponse<String> response = chat(tenant.key(), body("gpt-4o-mini", "request " + sent++));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(readJson(response.body()).at("/_ram/provider_used").asText()).isEqualTo("openai");
        }
        assertThat(health.breaker("openai-org-b").getState().name()).isEqualTo("OPEN");
        assertThat(health.breaker("openai").getState().name()).isEqualTo("CLOSED");

        for (int i = 0; i < 20; i++) {   // its breaker open, it is skipped without a call
            HttpResponse<String> response = chat(tenant.key(), body("gpt-4o-mini", "after " + i));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(readJson(response.body()).at("/_ram/provider_used").asText()).isEqualTo("openai");
        }
        assertThat(ORG_B.received()).hasSize(3);
        assertThat(OPENAI.received()).hasSize(sent + 20);
    }

    @Test
    void azureOpenAiGetsItsKeyHeaderDeploymentPathAndApiVersion() {
        HttpResponse<String> response = chat(tenant.key(), body("gpt-4o", "hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(readJson(response.body()).at("/_ram/provider_used").asText()).isEqualTo("azure-east");
        assertThat(AZURE.received()).hasSize(1);
        assertThat(AZURE.last().path()).isEqualTo("/openai/deployments/gpt4o-east/chat/completions?api-version=2024-10-21");
        assertThat(AZURE.last().headers().get("api-key")).isEqualTo(AZURE_KEY);
    }

    @Test
    void azureContentFilterRefusalReachesTheClientInOpenAisShape() {
        AZURE.enqueue(FakeResponse.json(400, """
                {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
                "type":null,"param":"prompt","code":"content_filter","status":400,
                "innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{
                "hate":{"filtered":false,"severity":"safe"},"violence":{"filtered":true,"severity":"high"}}}}}"""));

        HttpResponse<String> response = chat(tenant.key(), body("gpt-4o", "something violent"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = readJson(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("content_filter");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo("prompt");
        assertThat(error.get("message").asText()).contains("content management policy").contains("violence");
        assertThat(error.has("innererror")).isFalse();
    }

    @Test
    void aRequestsModelsListFailsOverInOrder() {
        AZURE.answerWith(r -> FakeResponse.json(500, OpenAiFixtures.error("down", "server_error", null, null)));
        GROQ.answerWith(r -> FakeResponse.json(503, OpenAiFixtures.error("down", "server_error", null, null)));

        HttpResponse<String> response = chat(tenant.key(), """
                {"model":"gpt-4o","models":["llama-3.3-70b","deepseek-chat"],"route":"fallback",
                 "messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = readJson(response.body());
        assertThat(answer.at("/_ram/provider_used").asText()).isEqualTo("deepseek");
        assertThat(answer.at("/_ram/failover_count").asInt()).isEqualTo(2);
        assertThat(answer.at("/_ram/attempts/0/provider").asText()).isEqualTo("azure-east");
        assertThat(answer.at("/_ram/attempts/1/provider").asText()).isEqualTo("groq");
        assertThat(GROQ.last().json().has("models")).isFalse();
        assertThat(GROQ.last().json().has("route")).isFalse();
    }

    @Test
    void unknownIdsInARequestsModelsAreRefusedByName() {
        HttpResponse<String> response = chat(tenant.key(), """
                {"model":"gpt-4o","models":["gpt-9","llama-3.3-70b","claude-imaginary"],"messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = readJson(response.body()).get("error");
        assertThat(error.get("param").asText()).isEqualTo("models");
        assertThat(error.get("message").asText()).contains("gpt-9").contains("claude-imaginary").doesNotContain("llama");
        assertThat(AZURE.received()).isEmpty();
    }

    @Test
    void aTierOrAGroupAskedForByName() {
        HttpResponse<String> tier = chat(tenant.key(), body("fast", "hi"));
        assertThat(tier.statusCode()).isEqualTo(200);
        assertThat(readJson(tier.body()).get("model").asText()).isEqualTo("llama-3.3-70b-versatile");
        assertThat(readJson(tier.body()).at("/_ram/provider_used").asText()).isEqualTo("groq");

        HttpResponse<String> group = chat(tenant.key(), body("coding", "hi"));
        assertThat(group.statusCode()).isEqualTo(200);
        assertThat(readJson(group.body()).at("/_ram/provider_used").asText()).isEqualTo("azure-east");
    }

    @Test
    void theModelListShowsGroupsAndTiersWithPrices() {
        JsonNode list = readJson(send("GET", "/v1/models", "Bearer " + tenant.key(), null).body());
        JsonNode coding = find(list, "coding");
        assertThat(coding.at("/_ram/type").asText()).isEqualTo("group");
        assertThat(coding.at("/_ram/models/0").asText()).isEqualTo("gpt-4o");
        assertThat(coding.at("/_ram/input_usd_per_million").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(find(list, "fast").at("/_ram/type").asText()).isEqualTo("tier");
        assertThat(find(list, "llama-3.3-70b").at("/_ram/tier").asText()).isEqualTo("fast");
        assertThat(find(list, "llama-3.3-70b").at("/_ram/output_usd_per_million").decimalValue()).isEqualByComparingTo("0.79");
    }

    @Test
    void aProviderWithoutItsKeyIsListedDisabledInHealth() {
        JsonNode providers = readJson(send("GET", "/actuator/health", null, null).body()).at("/components/providers/details");
        assertThat(providers.at("/together/status").asText()).isEqualTo("disabled");
        assertThat(providers.at("/together/reason").asText()).isEqualTo("TOGETHER_API_KEY is not set");
        assertThat(providers.at("/groq/status").asText()).isEqualTo("enabled");
    }

    @Test
    void aReloadAddsAndRemovesAProviderWithItsRouteAndSparesRequestsInFlight() throws Exception {
        assertThat(routeIds()).contains("provider-groq", "provider-azure-east").doesNotContain("provider-mistral");

        write(routing("""
                  mistral:
                    wire: openai
                    base_url: %s/v1
                    api_key_env: MISTRAL_API_KEY
                """.formatted(MISTRAL.url()), "  mistral-small: {tier: fast, provider: mistral, input_usd_per_million: 0.1, output_usd_per_million: 0.3}\n"));
        assertThat(catalog.reload()).isTrue();
        assertThat(routeIds()).contains("provider-mistral");
        MISTRAL.enqueue(FakeResponse.json(200, OpenAiFixtures.completion("mistral-small", "slow answer", 3, 2)).delayed(1_500));
        CompletableFuture<HttpResponse<String>> inFlight = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + tenant.key()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body("mistral-small", "hi"))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> !MISTRAL.received().isEmpty());

        write(routing(""));
        assertThat(catalog.reload()).isTrue();

        HttpResponse<String> answered = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(readJson(answered.body()).at("/choices/0/message/content").asText()).isEqualTo("slow answer");
        assertThat(routeIds()).doesNotContain("provider-mistral").contains("provider-groq");
        assertThat(chat(tenant.key(), body("mistral-small", "hi")).statusCode()).isEqualTo(404);
    }

    @Test
    void anInvalidEditKeepsThePreviousFileServing() throws Exception {
        write(routing("""
                  broken:
                    wire: carrier-pigeon
                    base_url: http://127.0.0.1:1
                    api_key_env: X
                """));
        assertThat(catalog.reload()).isFalse();
        assertThat(chat(tenant.key(), body("llama-3.3-70b", "hi")).statusCode()).isEqualTo(200);
        assertThat(routeIds()).doesNotContain("provider-broken");
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode m : list.get("data")) {
            if (m.get("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError(id + " not listed in " + list);
    }

    private static Set<String> routeIds() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        return jmx.queryNames(new ObjectName("org.apache.camel:type=routes,*"), null).stream()
                .map(n -> n.getKeyProperty("name").replace("\"", "")).collect(java.util.stream.Collectors.toSet());
    }

    private static String body(String model, String content) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
    }

    /** The test's routing file, with more providers and models where given. */
    private static String routing(String moreProviders, String... moreModels) {
        return """
                providers:
                  default:
                    connect_timeout_ms: 1000
                    read_timeout_ms: 5000
                    retries: 0             # these tests are about routing; FailoverPolicyTest retries
                    breaker: {failure_rate_threshold: 50, minimum_calls: 3, sliding_window: 4, open_ms: 60000, half_open_calls: 1}
                  groq:
                    wire: openai
                    base_url: %s/openai/v1
                    api_key_env: GROQ_API_KEY
                  openai-org-b:
                    wire: openai
                    base_url: %s/v1
                    api_key_env: OPENAI_ORG_B_KEY
                  azure-east:
                    wire: azure-openai
                    base_url: %s
                    api_key_env: AZURE_EAST_KEY
                    api_version: "2024-10-21"
                  together:
                    wire: openai
                    base_url: https://api.together.xyz/v1
                    api_key_env: TOGETHER_API_KEY
                %s
                models:
                  llama-3.3-70b: {tier: fast, provider: groq, provider_model: llama-3.3-70b-versatile, input_usd_per_million: 0.59, output_usd_per_million: 0.79}
                  gpt-4o-mini:
                    tier: fast
                    input_usd_per_million: 0.15
                    output_usd_per_million: 0.60
                    balance: weighted
                    deployments:
                      - {provider: openai, weight: 3}
                      - {provider: openai-org-b, weight: 1}
                  gpt-4o:
                    tier: smart
                    input_usd_per_million: 2.5
                    output_usd_per_million: 10
                    deployments:
                      - {provider: azure-east, provider_model: gpt4o-east}
                  deepseek-chat: {tier: smart, provider: deepseek, input_usd_per_million: 0.28, output_usd_per_million: 0.42}
                  mixtral: {tier: fast, provider: together, input_usd_per_million: 0.6, output_usd_per_million: 0.6}
                %s
                tiers:
                  fast:
                    models: [llama-3.3-70b, gpt-4o-mini]
                  smart:
                    strategy: affinity
                groups:
                  coding: [gpt-4o, llama-3.3-70b]
                """.formatted(GROQ.url(), ORG_B.url(), AZURE.url(), moreProviders, String.join("", moreModels));
    }

    private static void write(String text) throws IOException {
        Path tmp = Files.createTempFile(FILE.getParent(), "routing", ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path routingFile() {
        try {
            Path file = Files.createTempDirectory("router4ai-routing").resolve("models.yaml");
            Files.writeString(file, routing(""));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
