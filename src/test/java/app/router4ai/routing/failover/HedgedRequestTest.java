package app.router4ai.routing.failover;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.FakeResponse;
import app.router4ai.routing.DeploymentLoad;
import app.router4ai.provider.ProviderHealth;
import app.router4ai.routing.ModelCatalog;
import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hedged requests, through the official OpenAI Java client: the tier {@code fast} hedges after 300 ms; OpenAI (fake)
 * is its first candidate and is slow (headers after 3 s), DeepSeek (a second fake) answers at once. The routing file
 * is FailoverPolicyTest's, with {@code hedge:} added to that tier only.
 */
class HedgedRequestTest extends FailoverFakes {

    private static final String FAST_ORDER = "    order: [openai, deepseek, anthropic]\n";

    @Autowired
    ProviderHealth health;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    HedgeBudget budget;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DeploymentLoad load;

    @Autowired
    org.apache.camel.CamelContext camel;

    TenantKey tenant;

    static boolean warm;


    @BeforeEach
    void freshState() throws IOException {
        DEEPSEEK.reset(RouterTest::defaultAnswer);
        ANTHROPIC.reset(r -> FakeResponse.json(500, "{}"));
        hedgeFastTier(100);
        health.reset();
        budget.reset();
        tenant = newTenantKey();
        if (!warm) {
            // the first request of a fresh router pays its warm-up (class loading, pools): not what a wall time here measures
            openAi(tenant.key()).chat().completions().create(params("gpt-4o"));
            stream(params("gpt-4o"));
            OPENAI.reset(RouterTest::defaultAnswer);
            warm = true;
        }
    }

    @Test
    void aSlowFirstCandidateIsHedgedAndTheSecondsStreamWins() {
        OPENAI.answerWith(HedgedRequestTest::slow);
        long start = System.nanoTime();
        List<String> text = new ArrayList<>();
        JsonNode ram = stream(params("gpt-4o-mini"), text);

        assertThat(sinceMs(start)).as("the second candidate's answer, not the 3 s wait").isLessThan(2_000);
        assertThat(String.join("", text)).isEqualTo("Hello there!");
        assertHedgeWonByDeepSeek(ram);
    }

    @Test
    void aSlowFirstCandidateIsHedgedAndTheSecondsWholeAnswerWins() {
        OPENAI.answerWith(HedgedRequestTest::slow);
        long start = System.nanoTime();
        ChatCompletion completion = openAi(tenant.key()).chat().completions().create(params("gpt-4o-mini"));

        assertThat(sinceMs(start)).isLessThan(2_000);
        assertThat(completion.choices().getFirst().message().content()).hasValue("Hello there!");
        assertHedgeWonByDeepSeek(completion._additionalProperties().get("_ram").convert(JsonNode.class));
    }

    // The first candidate answers after the hedge started but before the hedge: the first wins, the hedge is cancelled.
    @Test
    void aFirstCandidateThatAnswersBeforeItsHedgeWinsAndTheHedgeIsCancelled() {
        OPENAI.answerWith(r -> RouterTest.defaultAnswer(r).delayed(700));
        DEEPSEEK.answerWith(HedgedRequestTest::slow);
        ChatCompletion completion = openAi(tenant.key()).chat().completions().create(params("gpt-4o-mini"));

        JsonNode ram = completion._additionalProperties().get("_ram").convert(JsonNode.class);
        assertThat(ram.at("/provider_used").asText()).isEqualTo("openai");
        assertThat(ram.at("/hedged").asBoolean()).isTrue();
        assertThat(ram.at("/attempts/0/provider").asText()).isEqualTo("deepseek");
        assertThat(ram.at("/attempts/0/outcome").asText()).isEqualTo("hedge_lost");
        Awaitility.await().atMost(6, TimeUnit.SECONDS).untilAsserted(() -> assertThat(DEEPSEEK.gone()).hasSize(1));
        assertThat(load.inFlight("deepseek")).as("the cancelled hedge's in-flight count released").isZero();
        assertNothingLeftInFlight();
    }

    // Both fail (the hedge fast, the first slowly): failover goes on with the remaining candidates, and both failures
    // are listed; nothing of it reaches the client but the answer.
    @Test
    void whenBothFailFailoverGoesOnWithTheRemainingCandidates() {
        OPENAI.answerWith(r -> FakeResponse.json(503, "{}").delayed(600));
        DEEPSEEK.answerWith(r -> FakeResponse.json(503, "{}"));
        ANTHROPIC.answerWith(r -> FakeResponse.json(200, AnthropicFixtures.textMessage("msg_01", "claude-haiku-4-5",
                "Hello there!", 14, 18)));
        ChatCompletion completion = openAi(tenant.key()).chat().completions().create(params("gpt-4o-mini"));

        JsonNode ram = completion._additionalProperties().get("_ram").convert(JsonNode.class);
        assertThat(completion.choices().getFirst().message().content()).hasValue("Hello there!");
        assertThat(ram.at("/provider_used").asText()).isEqualTo("anthropic");
        assertThat(ram.at("/hedged").asBoolean()).isTrue();
        assertThat(ram.at("/attempts").findValuesAsText("provider")).contains("openai", "deepseek", "anthropic");
        assertThat(ram.at("/failover_count").asInt()).isGreaterThanOrEqualTo(2);
        assertNothingLeftInFlight();
    }

    @Test
    void aFirstCandidateThatAnswersInTimeIsNotHedged() {
        ChatCompletion completion = openAi(tenant.key()).chat().completions().create(params("gpt-4o-mini"));

        JsonNode ram = completion._additionalProperties().get("_ram").convert(JsonNode.class);
        assertThat(ram.at("/provider_used").asText()).isEqualTo("openai");
        assertThat(ram.has("hedged")).isFalse();
        assertThat(ram.size()).as("_ram's seven fields").isEqualTo(7);
        assertThat(DEEPSEEK.received()).isEmpty();
    }

    @Test
    void theBudgetStopsHedgingPastItsPercentage() throws IOException {
        hedgeFastTier(50);
        OPENAI.answerWith(r -> RouterTest.defaultAnswer(r).delayed(800));
        List<Boolean> hedged = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ChatCompletion completion = openAi(tenant.key()).chat().completions().create(params("gpt-4o-mini"));
            hedged.add(completion._additionalProperties().get("_ram").convert(JsonNode.class).path("hedged").asBoolean(false));
        }

        assertThat(hedged).as("the first may hedge, then one in two").containsExactly(true, false, true, false, true, false);
        assertThat(DEEPSEEK.received()).hasSize(3);
        assertThat(health.breaker("openai").getState()).as("a cancelled loser is no failure")
                .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);
    }

    @Test
    void aTierWithoutHedgeNeverHedges() {
        OPENAI.answerWith(r -> RouterTest.defaultAnswer(r).delayed(800));
        ChatCompletion completion = openAi(tenant.key()).chat().completions().create(params("gpt-4o"));

        JsonNode ram = completion._additionalProperties().get("_ram").convert(JsonNode.class);
        assertThat(ram.at("/provider_used").asText()).isEqualTo("openai");
        assertThat(ram.has("hedged")).isFalse();
        assertThat(DEEPSEEK.received()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The hedge won: _ram says so and lists the cancelled first attempt; the ledger has the winner's row only; the
     * slow provider saw its connection go away. */
    private void assertHedgeWonByDeepSeek(JsonNode ram) {
        assertThat(ram.at("/hedged").asBoolean()).isTrue();
        assertThat(ram.at("/provider_used").asText()).isEqualTo("deepseek");
        assertThat(ram.at("/failover_count").asInt()).as("a lost hedge is no failure").isZero();
        assertThat(ram.at("/attempts/0/provider").asText()).isEqualTo("openai");
        assertThat(ram.at("/attempts/0/outcome").asText()).isEqualTo("hedge_lost");
        assertThat(ram.at("/attempts/1/outcome").asText()).isEqualTo("answered");
        String requestId = ram.at("/request_id").asText();
        Awaitility.await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT provider FROM usage_records WHERE request_id = ?", requestId)).singleElement()
                .satisfies(row -> assertThat(row.get("provider")).isEqualTo("deepseek")));
        Awaitility.await().atMost(6, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(OPENAI.gone()).as("the loser's connection was closed").hasSize(1));
        assertThat(load.inFlight("openai")).as("the loser's in-flight count released").isZero();
        assertNothingLeftInFlight();
        assertThat(DEEPSEEK.received()).hasSize(1);
    }

    /** Every copy of an exchange a hedge made was let go: Camel's in-flight registry empties. */
    private void assertNothingLeftInFlight() {
        Awaitility.await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(camel.getInflightRepository().size())
                .as("no copy of the exchange left in flight").isZero());
    }

    /** The default answer, its headers after 3 s and its body in pieces (so a write to a closed connection fails). */
    private static FakeResponse slow(FakeProvider.Received request) {
        FakeResponse answer = RouterTest.defaultAnswer(request);
        List<byte[]> pieces = new ArrayList<>();
        for (byte[] piece : answer.pieces()) {
            int half = piece.length / 2;
            pieces.add(java.util.Arrays.copyOfRange(piece, 0, half));
            pieces.add(java.util.Arrays.copyOfRange(piece, half, piece.length));
        }
        return new FakeResponse(answer.status(), answer.headers(), pieces, 3_000, 100, -1);
    }

    /** Streams through the official client: the text pieces land in {@code text}; returns the _ram block. */
    private JsonNode stream(ChatCompletionCreateParams asked, List<String> text) {
        JsonNode ram = null;
        ChatCompletionCreateParams params = asked.toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> stream = openAi(tenant.key()).chat().completions().createStreaming(params)) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::add));
                if (chunk._additionalProperties().containsKey("_ram")) {
                    ram = chunk._additionalProperties().get("_ram").convert(JsonNode.class);
                }
            }
        }
        return ram;
    }

    private JsonNode stream(ChatCompletionCreateParams asked) {
        return stream(asked, new ArrayList<>());
    }

    private void hedgeFastTier(int maxPercent) throws IOException {
        CATALOG.write(CATALOG.original().replace(FAST_ORDER, FAST_ORDER + "    hedge: {after_ms: 300, max_percent: " + maxPercent + "}\n"));
        catalog.reload();
        assertThat(catalog.current().failover().hedge("gpt-4o-mini").maxPercent()).isEqualTo(maxPercent);
    }

    private static ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Explain in exactly sixty words.").build();
    }

    private static long sinceMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
