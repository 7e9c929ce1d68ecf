package app.router4ai.routing.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.provider.ProviderHealth;
import app.router4ai.routing.ModelCatalog;
import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The failover policy against every fault of the public Failover Bench catalogue (S01–S16), through the official
 * OpenAI Java client, streaming as the bench does (and not, where the fault is the same): attempts per provider with
 * their times (backoff, no hammering, Retry-After), wall time, the exact text the client gets, the ledger. OpenAI
 * (fake) is the primary, DeepSeek (a second fake) the fallback; the routing file has the production policy with
 * short timeouts ({@code failover-policy-models.yaml}).
 */
class FailoverPolicyTest extends FailoverFakes {

    private static final List<String> SIXTY = words(60);

    @Autowired
    ProviderHealth health;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PrefillRefusals refusals;

    TenantKey tenant;


    @BeforeEach
    void freshState() throws IOException {
        DEEPSEEK.reset(RouterTest::defaultAnswer);
        ANTHROPIC.reset(r -> FakeResponse.json(500, "{}"));
        writeCatalog(original());
        catalog.reload();
        health.reset();
        refusals.reset();
        tenant = newTenantKey();
    }

    // S01: 429 with Retry-After: 2 → the same provider again after 2 s, not at once, not elsewhere.
    @Test
    void s01_aShortRetryAfterIsWaitedOutOnTheSameProvider() {
        OPENAI.enqueue(FakeResponse.json(429, OpenAiFixtures.error("slow down", "requests", null, "rate_limit_exceeded"))
                .withHeader("Retry-After", "2"));
        Streamed answer = stream("gpt-4o-mini");

        assertThat(answer.text()).isEqualTo("Hello there!");
        assertThat(OPENAI.received()).hasSize(2);
        assertThat(gapMs(OPENAI, 0, 1)).as("Retry-After honoured").isGreaterThanOrEqualTo(1_950);
        assertThat(DEEPSEEK.received()).isEmpty();
        assertThat(answer.ram().at("/failover_count").asInt()).isZero();
        assertThat(answer.ram().at("/attempts/0/outcome").asText()).isEqualTo("retried");
        assertThat(answer.ram().at("/attempts/1/outcome").asText()).isEqualTo("answered");
    }

    // A long Retry-After: fail over at once, and the provider is skipped for exactly that long.
    @Test
    void aLongRetryAfterFailsOverAndCoolsDownThatLong() {
        OPENAI.enqueue(FakeResponse.json(429, OpenAiFixtures.error("slow down", "requests", null, "rate_limit_exceeded"))
                .withHeader("Retry-After", "4"));
        long start = System.nanoTime();
        assertThat(stream("gpt-4o-mini").provider()).isEqualTo("deepseek");
        assertThat(sinceMs(start)).isLessThan(3_000);
        assertThat(stream("gpt-4o-mini").provider()).as("cooling down").isEqualTo("deepseek");
        assertThat(OPENAI.received()).hasSize(1);
        Awaitility.await().atMost(8, TimeUnit.SECONDS).pollInterval(250, TimeUnit.MILLISECONDS)
                .until(() -> stream("gpt-4o-mini").provider().equals("openai"));
        assertThat(sinceMs(start)).isGreaterThanOrEqualTo(3_900);
    }

    // S02: 429 without Retry-After, every time: one backed-off retry, then the fallback. Never hammered.
    @Test
    void s02_aPersistent429BacksOffThenFailsOver() {
        OPENAI.answerWith(r -> FakeResponse.json(429, OpenAiFixtures.error("slow down", "requests", null, "rate_limit_exceeded")));
        Streamed answer = stream("gpt-4o-mini");

        assertThat(answer.text()).isEqualTo("Hello there!");
        assertThat(answer.provider()).isEqualTo("deepseek");
        assertThat(OPENAI.received()).hasSize(2);
        assertThat(gapMs(OPENAI, 0, 1)).as("backoff, no hammering").isGreaterThanOrEqualTo(500);
        assertThat(answer.ram().at("/failover_count").asInt()).isEqualTo(1);
    }

    // S03: 500 once, then healthy: a retry on the same provider answers.
    @Test
    void s03_a500OnceIsRetriedOnTheSameProvider() {
        OPENAI.enqueue(FakeResponse.json(500, OpenAiFixtures.error("boom", "server_error", null, null)));
        Streamed answer = stream("gpt-4o-mini");

        assertThat(answer.text()).isEqualTo("Hello there!");
        assertThat(answer.provider()).isEqualTo("openai");
        assertThat(OPENAI.received()).hasSize(2);
        assertThat(gapMs(OPENAI, 0, 1)).isGreaterThanOrEqualTo(500);
        assertThat(DEEPSEEK.received()).isEmpty();
    }

    // S03, not streamed: the same retry, and _ram lists both attempts.
    @Test
    void s03_aWholeAnswerIsRetriedToo() {
        OPENAI.enqueue(FakeResponse.json(502, "{}"));
        ChatCompletion completion = openAi(tenant.key()).chat().completions().create(params("gpt-4o-mini"));

        JsonNode ram = completion._additionalProperties().get("_ram").convert(JsonNode.class);
        assertThat(completion.choices().getFirst().message().content()).hasValue("Hello there!");
        assertThat(ram.at("/provider_used").asText()).isEqualTo("openai");
        assertThat(ram.at("/attempts")).hasSize(2);
        assertThat(ram.at("/attempts/0/reason").asText()).contains("HTTP 502");
        assertThat(OPENAI.received()).hasSize(2);
    }

    // S04 and S16: 503 every time: within the retry budget, then the fallback, whose model and usage the client sees
    // and the ledger bills (the failed attempts are not billed).
    @Test
    void s04_s16_aPersistent503FailsOverAndTheFallbackIsWhatIsReportedAndBilled() {
        OPENAI.answerWith(r -> FakeResponse.json(503, "{}"));
        Streamed answer = stream("gpt-4o-mini");

        assertThat(answer.text()).isEqualTo("Hello there!");
        assertThat(answer.model()).isEqualTo("deepseek-chat");
        assertThat(answer.totalTokens()).isEqualTo(32);
        assertThat(OPENAI.received()).hasSizeLessThanOrEqualTo(2);
        String requestId = answer.ram().at("/request_id").asText();
        Awaitility.await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT provider, answering_model, completion_tokens, failover_count FROM usage_records WHERE request_id = ?",
                requestId)).singleElement().satisfies(row -> {
                    assertThat(row.get("provider")).isEqualTo("deepseek");
                    assertThat(row.get("answering_model")).isEqualTo("deepseek-chat");
                    assertThat(((Number) row.get("completion_tokens")).longValue()).isEqualTo(18);
                    assertThat(((Number) row.get("failover_count")).intValue()).isEqualTo(1);
                }));
    }

    // S05: the connection is reset before any byte: retried, answered.
    @Test
    void s05_aResetBeforeHeadersIsRetried() {
        OPENAI.enqueue(FakeResponse.dropped());
        Streamed answer = stream("gpt-4o-mini");

        assertThat(answer.text()).isEqualTo("Hello there!");
        assertThat(OPENAI.received()).hasSize(2);
        assertThat(DEEPSEEK.received()).isEmpty();
    }

    // S06: a provider that never answers: one first-byte timeout, never retried on the same route, then the fallback.
    @Test
    void s06_aSilentProviderCostsOneFirstByteTimeoutAndIsNotRetried() {
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("late"), 1, 1)).delayed(30_000));
        long start = System.nanoTime();
        Streamed answer = stream("gpt-4o-mini");

        assertThat(answer.provider()).isEqualTo("deepseek");
        assertThat(answer.text()).isEqualTo("Hello there!");
        assertThat(OPENAI.received()).as("a silent route is not retried").hasSize(1);
        assertThat(sinceMs(start)).as("the 3 s first-byte timeout, not the 30 s silence").isLessThan(15_000);
    }

    // S07: headers at once, the first token late: the time-to-first-token bound fails over before anything reached the client.
    @Test
    void s07_aSlowFirstTokenFailsOver() {
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("late"), 1, 1)).pausedAfter(1, 20_000));
        long start = System.nanoTime();
        Streamed answer = stream("gpt-4o-mini");

        assertThat(answer.provider()).isEqualTo("deepseek");
        assertThat(answer.text()).as("nothing of the slow attempt leaks").isEqualTo("Hello there!");
        assertThat(OPENAI.received()).hasSize(1);
        assertThat(sinceMs(start)).as("the 1.5 s first-token bound, not the 20 s wait").isLessThan(15_000);
        assertThat(answer.ram().at("/attempts/0/reason").asText()).contains("no first token");
    }

    // S08: cut after 40 of 60 tokens: never a truncated success (the fallback's restart says something else: a clean error event).
    @Test
    void s08_aStreamCutMidAnswerIsNeverASuccess() {
        List<String> events = OpenAiFixtures.streamEvents("gpt-4o-mini", SIXTY, 10, 60);
        OPENAI.enqueue(FakeResponse.sse(events).cutAfter(41));
        List<String> received = new ArrayList<>();

        assertThatThrownBy(() -> stream("gpt-4o-mini", received)).hasMessageContaining("stream");
        assertThat(String.join("", received)).isEqualTo(String.join("", SIXTY.subList(0, 40)));
    }

    // S09: the stream stalls after 20 tokens: the idle bound ends it cleanly, and the router stays healthy.
    @Test
    void s09_aStalledStreamEndsWithinTheIdleBound() {
        List<String> events = OpenAiFixtures.streamEvents("gpt-4o-mini", SIXTY, 10, 60);
        OPENAI.enqueue(FakeResponse.sse(events).pausedAfter(21, 30_000));
        long start = System.nanoTime();

        assertThatThrownBy(() -> stream("gpt-4o-mini", new ArrayList<>())).hasMessageContaining("stream");
        assertThat(sinceMs(start)).as("the 1.5 s idle bound, not the 30 s stall").isLessThan(15_000);
        assertThat(stream("gpt-4o-mini").text()).as("alive after").isEqualTo("Hello there!");
    }

    // S10: the tenth event is not JSON, the stream otherwise completes: skipped, the answer is whole.
    @Test
    void s10_aMalformedEventIsSkippedWhenTheStreamCompletes() {
        List<String> events = new ArrayList<>(OpenAiFixtures.streamEvents("gpt-4o-mini", SIXTY, 10, 60));
        events.set(10, "data: {\"id\":\"chatcmpl-fake456\",\"choices\":[{\"delta\":{\"content\":\"tr\n\n");
        OPENAI.enqueue(FakeResponse.sse(events));
        Streamed answer = stream("gpt-4o-mini");

        List<String> expected = new ArrayList<>(SIXTY);
        expected.remove(9);
        assertThat(answer.text()).isEqualTo(String.join("", expected));
        assertThat(answer.totalTokens()).isEqualTo(70);
        assertThat(send("GET", "/actuator/prometheus", null, null).body())
                .contains("router_stream_malformed_events_total{provider=\"openai\"}");
    }

    // S11: complete without [DONE]: finalised promptly, with usage.
    @Test
    void s11_aCompleteStreamWithoutDoneIsComplete() {
        List<String> events = new ArrayList<>(OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("Hello", " there", "!"), 14, 18));
        events.removeLast();
        OPENAI.enqueue(FakeResponse.sse(events));
        Streamed answer = stream("gpt-4o-mini");

        assertThat(answer.text()).isEqualTo("Hello there!");
        assertThat(answer.totalTokens()).isEqualTo(32);
    }

    // S12: context_length_exceeded: not retried on the same model; a larger window in the tier answers.
    @Test
    void s12_aPromptTooLongGoesOnlyToALargerContextWindow() {
        OPENAI.enqueue(FakeResponse.json(400, OpenAiFixtures.error("This model's maximum context length is 16000 tokens.",
                "invalid_request_error", "messages", "context_length_exceeded")));
        Streamed answer = stream("gpt-4o-mini");

        assertThat(answer.provider()).isEqualTo("deepseek");
        assertThat(answer.text()).isEqualTo("Hello there!");
        assertThat(OPENAI.received()).hasSize(1);
    }

    // S12, where no candidate has a larger window: the provider's refusal goes back, unchanged, and nothing else is tried.
    @Test
    void s12_aPromptTooLongForEveryWindowGetsTheProvidersRefusal() {
        String refusal = OpenAiFixtures.error("This model's maximum context length is 128000 tokens.",
                "invalid_request_error", "messages", "context_length_exceeded");
        OPENAI.enqueue(FakeResponse.json(400, refusal));
        HttpResponse<String> response = chat(tenant.key(), "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(readJson(response.body())).isEqualTo(readJson(refusal));
        assertThat(DEEPSEEK.received()).as("deepseek-reasoner's window is smaller").isEmpty();
    }

    // S13: a content-policy refusal goes straight back with the provider's reason: no retry, no failover.
    @Test
    void s13_aContentPolicyRefusalGoesStraightBack() {
        OPENAI.enqueue(FakeResponse.json(400, OpenAiFixtures.error("Your request was rejected as a result of our safety system.",
                "invalid_request_error", null, "content_policy_violation")));

        assertThatThrownBy(() -> stream("gpt-4o-mini")).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("safety system");
        assertThat(OPENAI.received()).hasSize(1);
        assertThat(DEEPSEEK.received()).isEmpty();
    }

    // S08 rescued (OpenAI wire): the stream is cut after 40 of 60 words; DeepSeek, which can continue, gets the
    // request plus the 40 words as an assistant prefill, and the client gets one whole answer: one finish_reason, one
    // usage chunk billing both attempts, failover_count 1, one ledger row.
    @Test
    void s08_aStreamCutMidAnswerIsRescuedByAProviderThatCanContinue() throws IOException {
        allowContinuing();
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", SIXTY, 10, 60)).cutAfter(41));
        DEEPSEEK.answerWith(r -> FakeResponse.sse(OpenAiFixtures.streamEvents("deepseek-chat", SIXTY.subList(40, 60), 50, 20)));
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        Streamed answer = stream("gpt-4o-mini", new ArrayList<>(), chunks);

        assertThat(answer.text()).isEqualTo(String.join("", SIXTY));
        JsonNode prefill = DEEPSEEK.last().json().at("/messages").get(1);
        assertThat(prefill.path("role").asText()).isEqualTo("assistant");
        assertThat(prefill.path("content").asText()).isEqualTo(String.join("", SIXTY.subList(0, 40)).stripTrailing());
        assertOneRescuedStream(answer, chunks);
        String requestId = answer.ram().at("/request_id").asText();
        Awaitility.await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT provider, completion_tokens FROM usage_records WHERE request_id = ?", requestId)).singleElement()
                .satisfies(row -> {
                    assertThat(row.get("provider")).isEqualTo("deepseek");
                    assertThat(((Number) row.get("completion_tokens")).longValue()).isGreaterThan(20);
                }));
    }

    // S09 rescued (Anthropic wire): the stream stalls after 20 words; DeepSeek fails, Anthropic continues natively
    // from the prefill (a trailing assistant turn), stitched into the same client stream.
    @Test
    void s09_aStalledStreamIsRescuedOnTheAnthropicWire() throws IOException {
        allowContinuing();
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", SIXTY, 10, 60)).pausedAfter(21, 30_000));
        DEEPSEEK.answerWith(r -> FakeResponse.json(503, "{}"));
        ANTHROPIC.answerWith(r -> FakeResponse.sseText(AnthropicFixtures.textStream("msg_01", "claude-haiku-4-5",
                SIXTY.subList(20, 60), 40, 40)));
        long start = System.nanoTime();
        Streamed answer = stream("gpt-4o-mini");

        assertThat(answer.text()).isEqualTo(String.join("", SIXTY));
        assertThat(sinceMs(start)).isLessThan(15_000);
        JsonNode messages = ANTHROPIC.last().json().path("messages");
        assertThat(messages.get(messages.size() - 1).path("role").asText()).isEqualTo("assistant");
        assertThat(answer.ram().at("/provider_used").asText()).isEqualTo("anthropic");
        assertThat(answer.ram().at("/failover_count").asInt()).isEqualTo(2);
    }

    // A tool call cut mid-arguments is not stitched: the client gets an error.
    @Test
    void aToolCallStreamBrokenMidArgumentsIsNotRescued() throws IOException {
        allowContinuing();
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.toolCallStreamEvents("gpt-4o-mini", "call_1", "get_weather",
                List.of("{\"ci", "ty\":", "\"Paris\"}"), 10, 5)).cutAfter(3));

        assertThatThrownBy(() -> stream("gpt-4o-mini")).hasMessageContaining("stream");
        assertThat(DEEPSEEK.received()).isEmpty();
    }

    // S14 as the catalogue has it: the primary's stream dies after 40 tokens; the fallback cannot continue (and rejects
    // any request ending in an assistant prefill), so it restarts the answer from the original request, and its repeat
    // of the 40 words already sent is held back: the client gets the whole answer once, one finish_reason, one usage
    // chunk billing both attempts, one stream id, failover_count 1, one ledger row.
    @Test
    void s14_aFallbackThatCannotContinueRestartsCleanlyAndIsSpliced() {
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", SIXTY, 10, 60)).cutAfter(41));
        DEEPSEEK.answerWith(FailoverPolicyTest::refusingPrefill);
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        Streamed answer = stream("gpt-4o-mini", new ArrayList<>(), chunks);

        assertThat(answer.text()).isEqualTo(String.join("", SIXTY));
        assertThat(DEEPSEEK.received()).hasSize(1);
        assertThat(lastRole(DEEPSEEK.last())).as("the original request, no prefill").isEqualTo("user");
        assertOneRescuedStream(answer, chunks);
        assertThat(answer.ram().at("/attempts/1/outcome").asText()).isEqualTo("answered");
        String requestId = answer.ram().at("/request_id").asText();
        Awaitility.await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT provider, completion_tokens, failover_count FROM usage_records WHERE request_id = ?", requestId))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("provider")).isEqualTo("deepseek");
                    assertThat(((Number) row.get("completion_tokens")).longValue()).isGreaterThan(60);
                    assertThat(((Number) row.get("failover_count")).intValue()).isEqualTo(1);
                }));
    }

    // S14 where the fallback is marked can_continue but refuses the prefill with a 400: restarted there without the
    // prefill (the client never sees the refusal), and the refusal is remembered: the next rescue restarts at once.
    @Test
    void s14_aPrefillRefusingCandidateMarkedCanContinueIsRestartedWithoutPrefill() throws IOException {
        allowContinuing();
        DEEPSEEK.answerWith(FailoverPolicyTest::refusingPrefill);
        for (int i = 0; i < 2; i++) {
            OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", SIXTY, 10, 60)).cutAfter(41));
            assertThat(stream("gpt-4o-mini").text()).isEqualTo(String.join("", SIXTY));
        }

        assertThat(DEEPSEEK.received()).extracting(FailoverPolicyTest::lastRole)
                .as("prefill refused, restarted; then restarted at once").containsExactly("assistant", "user", "user");
        assertThat(ANTHROPIC.received()).isEmpty();
    }

    // A restart whose text differs from what the client already got ends with the clean error event: the client keeps
    // exactly the 40 words it had, nothing of the other answer, and no success.
    @Test
    void aRestartWhoseTextDivergesEndsWithTheCleanErrorEvent() {
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", SIXTY, 10, 60)).cutAfter(41));
        List<String> other = new ArrayList<>(SIXTY);
        other.set(20, " different");
        DEEPSEEK.answerWith(r -> FakeResponse.sse(OpenAiFixtures.streamEvents("deepseek-chat", other, 10, 60)));
        List<String> received = new ArrayList<>();

        assertThatThrownBy(() -> stream("gpt-4o-mini", received)).hasMessageContaining("stream");
        assertThat(String.join("", received)).isEqualTo(String.join("", SIXTY.subList(0, 40)));
        assertThat(DEEPSEEK.received()).hasSize(1);
    }

    // A restart that finishes before it caught up with the text already sent is never a (truncated) success.
    @Test
    void aRestartThatEndsShortIsAnErrorNotATruncatedSuccess() {
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", SIXTY, 10, 60)).cutAfter(41));
        DEEPSEEK.answerWith(r -> FakeResponse.sse(OpenAiFixtures.streamEvents("deepseek-chat", SIXTY.subList(0, 30), 10, 30)));
        List<String> received = new ArrayList<>();

        assertThatThrownBy(() -> stream("gpt-4o-mini", received)).hasMessageContaining("stream");
        assertThat(String.join("", received)).isEqualTo(String.join("", SIXTY.subList(0, 40)));
    }

    // S14 where every fallback refuses everything: the client gets the real failure (the broken stream), never a
    // fallback's prefill refusal.
    @Test
    void s14_aFallbacksPrefillRefusalNeverHidesTheRealFailure() throws IOException {
        allowContinuing();
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", SIXTY, 10, 60)).cutAfter(41));
        DEEPSEEK.answerWith(r -> FakeResponse.json(400, OpenAiFixtures.error("assistant prefill is not supported",
                "invalid_request_error", "messages", null)));
        ANTHROPIC.answerWith(r -> FakeResponse.json(400, AnthropicFixtures.errorBody("invalid_request_error",
                "This model does not support assistant message prefill.")));

        assertThatThrownBy(() -> stream("gpt-4o-mini", new ArrayList<>())).hasMessageContaining("stream")
                .hasMessageNotContaining("prefill");
        assertThat(DEEPSEEK.received()).extracting(FailoverPolicyTest::lastRole).containsExactly("assistant", "user");
    }

    // S15: the primary is down for a while, then healthy: served by the fallback meanwhile, back on the primary within
    // seconds of recovering (half-open trial after open_ms), and the breaker gauge follows the live breaker.
    @Test
    void s15_aRecoveredProviderGetsTrafficBackWithinSeconds() {
        OPENAI.answerWith(r -> FakeResponse.json(503, "{}"));
        for (int i = 0; i < 4; i++) {
            assertThat(stream("gpt-4o-mini").provider()).isEqualTo("deepseek");
        }
        assertThat(metric("router_provider_breaker_state{provider=\"openai\"}")).isEqualTo("2.0");

        OPENAI.answerWith(RouterTest::defaultAnswer);
        long recovered = System.nanoTime();
        Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInterval(300, TimeUnit.MILLISECONDS)
                .until(() -> stream("gpt-4o-mini").provider().equals("openai"));
        assertThat(sinceMs(recovered)).as("back within the 1.5 s open time plus a request").isLessThan(8_000);
        assertThat(metric("router_provider_breaker_state{provider=\"openai\"}")).isEqualTo("0.0");
    }

    // The gauge follows the breaker that is live after an edit of the routing file (it used to stay on the first one).
    @Test
    void theBreakerGaugeFollowsTheLiveBreakerAfterAReload() throws IOException {
        OPENAI.answerWith(r -> FakeResponse.json(503, "{}"));
        stream("gpt-4o-mini");
        writeCatalog(original().replace("open_ms: 1500", "open_ms: 60000"));
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() ->
                catalog.current().resilience("openai").openFor().toMillis() == 60_000);
        for (int i = 0; i < 3; i++) {
            stream("gpt-4o-mini");
        }
        assertThat(metric("router_provider_breaker_state{provider=\"openai\"}")).isEqualTo("2.0");
        assertThat(readJson(send("GET", "/actuator/health", null, null).body())
                .at("/components/providers/details/openai/breaker").asText()).isEqualTo("open");
    }

    // all_providers_failed says when to come back: the time left of the breaker's open time, not the whole of it.
    @Test
    void retryAfterOfAllProvidersFailedIsTheTimeLeft() throws Exception {
        writeCatalog(original().replace("open_ms: 1500", "open_ms: 10000"));
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() ->
                catalog.current().resilience("openai").openFor().toMillis() == 10_000);
        OPENAI.answerWith(r -> FakeResponse.json(503, "{}"));
        String pinned = "{\"model\":\"openai:gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        for (int i = 0; i < 3; i++) {
            chat(tenant.key(), pinned);
        }
        Thread.sleep(3_000);
        HttpResponse<String> response = chat(tenant.key(), pinned);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(Long.parseLong(response.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 7L);
    }

    // A request may shorten its deadline: a silent provider then costs at most that.
    @Test
    void aRequestMayShortenItsDeadline() {
        OPENAI.answerWith(r -> FakeResponse.json(200, OpenAiFixtures.completion("gpt-4o-mini", "late", 1, 1)).delayed(10_000));
        DEEPSEEK.answerWith(r -> FakeResponse.json(200, OpenAiFixtures.completion("deepseek-chat", "late", 1, 1)).delayed(10_000));
        long start = System.nanoTime();
        HttpResponse<String> response = chat(tenant.key(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "x-ram-timeout-ms", "1200");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(sinceMs(start)).isLessThan(8_000);
        assertThat(readJson(response.body()).at("/error/message").asText()).contains("deadline of 1200 ms");
    }

    // ---------------------------------------------------------------------------------------------------------

    record Streamed(String text, String model, String provider, long totalTokens, JsonNode ram) {
    }

    private ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Explain in exactly sixty words.").build();
    }

    private Streamed stream(String model) {
        return stream(model, new ArrayList<>());
    }

    /** Streams through the official client; the text pieces land in {@code received} as they come. */
    private Streamed stream(String model, List<String> received) {
        return stream(model, received, new ArrayList<>());
    }

    private void allowContinuing() throws IOException {
        writeCatalog(original().replace("context_window: 64000}", "context_window: 64000, can_continue: true}")
                .replace("context_window: 200000}", "context_window: 200000, can_continue: true}"));
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> catalog.current().failover().canContinue("claude-haiku-4-5"));
    }

    private Streamed stream(String model, List<String> received, List<ChatCompletionChunk> chunks) {
        ChatCompletionCreateParams params = params(model).toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        String answeredBy = null;
        long tokens = -1;
        JsonNode ram = null;
        try (StreamResponse<ChatCompletionChunk> stream = openAi(tenant.key()).chat().completions().createStreaming(params)) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                chunks.add(chunk);
                answeredBy = chunk.model();
                chunk.choices().forEach(c -> c.delta().content().ifPresent(received::add));
                if (chunk.usage().isPresent()) {
                    tokens = chunk.usage().get().totalTokens();
                }
                if (chunk._additionalProperties().containsKey("_ram")) {
                    ram = chunk._additionalProperties().get("_ram").convert(JsonNode.class);
                }
            }
        }
        return new Streamed(String.join("", received), answeredBy, ram == null ? null : ram.at("/provider_used").asText(), tokens, ram);
    }

    private String metric(String series) {
        return send("GET", "/actuator/prometheus", null, null).body().lines().filter(l -> l.startsWith(series + " "))
                .map(l -> l.substring(series.length() + 1)).findFirst().orElse("absent");
    }

    /** A rescued stream as the client gets it: one stream id, one finish_reason, one usage chunk billing both attempts. */
    private static void assertOneRescuedStream(Streamed answer, List<ChatCompletionChunk> chunks) {
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).filter(c -> c.finishReason().isPresent())).hasSize(1);
        assertThat(chunks.stream().filter(c -> c.usage().isPresent())).hasSize(1);
        assertThat(chunks).extracting(ChatCompletionChunk::id).containsOnly("chatcmpl-fake456");
        assertThat(answer.totalTokens()).as("both attempts billed").isGreaterThan(70);
        assertThat(answer.ram().at("/failover_count").asInt()).isEqualTo(1);
        assertThat(answer.ram().at("/attempts/0/reason").asText()).contains("mid-answer");
    }

    /** DeepSeek as the catalogue's fb-ok-noprefill: a 400 to any request ending in an assistant turn, else the whole answer. */
    private static FakeResponse refusingPrefill(FakeProvider.Received request) {
        if (lastRole(request).equals("assistant")) {
            return FakeResponse.json(400, OpenAiFixtures.error("assistant prefill is not supported",
                    "invalid_request_error", "messages", null));
        }
        return FakeResponse.sse(OpenAiFixtures.streamEvents("deepseek-chat", SIXTY, 10, 60));
    }

    private static String lastRole(FakeProvider.Received request) {
        JsonNode messages = request.json().path("messages");
        return messages.get(messages.size() - 1).path("role").asText();
    }

    private static long gapMs(FakeProvider provider, int first, int second) {
        return (provider.received().get(second).atNanos() - provider.received().get(first).atNanos()) / 1_000_000;
    }

    private static long sinceMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static List<String> words(int n) {
        List<String> words = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            words.add(" w" + i);
        }
        return words;
    }

    private static String original() throws IOException {
        return CATALOG.original();
    }

    private static void writeCatalog(String text) throws IOException {
        CATALOG.write(text);
    }
}
