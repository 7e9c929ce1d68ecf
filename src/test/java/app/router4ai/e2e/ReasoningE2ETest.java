package app.router4ai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.chat.SseLines;
import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.DeepSeekFixtures;
import app.router4ai.fake.FakeResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.completions.CompletionUsage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reasoning and prompt caching as an OpenAI-format client sees them, whichever provider answers: the effort reaches
 * each provider as its own control, the thinking comes back as {@code reasoning_content} (plain and streamed) unless
 * excluded, Claude's signed thinking survives a tool round trip, and cache reads and writes are billed at their own
 * prices, in {@code _ram} and in the ledger alike. The fakes answer as the providers' references show.
 */
class ReasoningE2ETest extends ProviderE2ETest {

    private static final String SIGNATURE = "EqQBCgIYAhIMthinking-signature==";
    private static final String REDACTED = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP";

    @Autowired
    JdbcTemplate jdbc;

    // ---- the effort reaches each provider as its own control ------------------------------------------------

    @Test
    void claudeHaikuThinksWithABudgetAndTheAnswerCarriesItsThinking() {
        ANTHROPIC.enqueue(FakeResponse.json(200, AnthropicFixtures.thinkingTextMessage("msg_think1", "claude-haiku-4-5",
                "Two plus two is four.", SIGNATURE, "4", 20, 120)));

        ChatCompletion completion = client.chat().completions().create(ask("anthropic:claude-haiku-4-5", "2+2?")
                .reasoningEffort(ReasoningEffort.HIGH).temperature(0.3).build());

        JsonNode upstream = ANTHROPIC.last().json();
        assertThat(upstream.get("thinking")).isEqualTo(readJson("{\"type\":\"enabled\",\"budget_tokens\":24576}"));
        assertThat(upstream.path("max_tokens").asInt()).isEqualTo(24576 + 8192);
        assertThat(upstream.has("temperature")).isFalse();
        ChatCompletionMessage message = completion.choices().getFirst().message();
        assertThat(message.content()).contains("4");
        assertThat(field(message, "reasoning_content").asText()).isEqualTo("Two plus two is four.");
        assertThat(field(message, "reasoning").asText()).isEqualTo("Two plus two is four.");
        assertThat(field(message, "reasoning_details")).isEqualTo(readJson("""
                [{"type":"reasoning.text","text":"Two plus two is four.","signature":"%s","format":"anthropic-claude-v1","index":0}]"""
                .formatted(SIGNATURE)));
        // Thinking is output: 20 × $1 + 120 × $5 per million = $0.00062 = 0.062 cents.
        assertThat(ram(completion._additionalProperties()).get("cost_billed_cents_usd").decimalValue()).isEqualByComparingTo("0.062");
    }

    @Test
    void claudeSonnetFourSixThinksAdaptivelyAtTheEffortsLevel() {
        chat(tenant.key(), "{\"model\":\"anthropic:claude-sonnet-4-6\",\"reasoning\":{\"effort\":\"medium\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        JsonNode upstream = ANTHROPIC.last().json();
        assertThat(upstream.get("thinking")).isEqualTo(readJson("{\"type\":\"adaptive\"}"));
        assertThat(upstream.get("output_config")).isEqualTo(readJson("{\"effort\":\"medium\"}"));
        assertThat(upstream.has("reasoning")).isFalse();
    }

    @Test
    void modelsThatDoNotReasonIgnoreTheEffortInsteadOfBeingRefused() {
        HttpResponse<String> openAi = chat(tenant.key(), "{\"model\":\"openai:gpt-4o-mini\",\"reasoning_effort\":\"high\","
                + "\"reasoning\":{\"effort\":\"high\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        HttpResponse<String> gemini = chat(tenant.key(), "{\"model\":\"gemini:gemini-1.5-flash\",\"reasoning_effort\":\"high\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(List.of(openAi.statusCode(), gemini.statusCode())).containsExactly(200, 200);
        assertThat(OPENAI.last().json().has("reasoning_effort")).isFalse();
        assertThat(OPENAI.last().json().has("reasoning")).isFalse();
        assertThat(GEMINI.last().json().has("generationConfig")).isFalse();
    }

    @Test
    void anEffortNoProviderKnowsIsTheClientsMistake() {
        HttpResponse<String> response = chat(tenant.key(), "{\"model\":\"anthropic:claude-haiku-4-5\",\"reasoning_effort\":\"extreme\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(readJson(response.body()).at("/error/param").asText()).isEqualTo("reasoning_effort");
        assertThat(ANTHROPIC.received()).isEmpty();
    }

    // ---- thinking in streams, exclude ------------------------------------------------------------------------

    @Test
    void aStreamCarriesTheThinkingAsReasoningDeltasBeforeTheText() {
        ANTHROPIC.enqueue(FakeResponse.sseText(AnthropicFixtures.thinkingTextStream("msg_think2", "claude-haiku-4-5",
                List.of("Let me ", "think."), SIGNATURE, REDACTED, List.of("Four", "."), 20, 90)));

        List<JsonNode> chunks = chunksOf(chat(tenant.key(), "{\"model\":\"anthropic:claude-haiku-4-5\",\"stream\":true,"
                + "\"reasoning_effort\":\"low\",\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"}]}"));

        assertThat(joined(chunks, "reasoning_content")).isEqualTo("Let me think.");
        assertThat(joined(chunks, "reasoning")).isEqualTo("Let me think.");
        assertThat(joined(chunks, "content")).isEqualTo("Four.");
        List<JsonNode> details = chunks.stream().flatMap(c -> stream(c.at("/choices/0/delta/reasoning_details"))).toList();
        assertThat(details).extracting(d -> d.path("type").asText() + ":" + d.path("index").asInt())
                .containsExactly("reasoning.text:0", "reasoning.text:0", "reasoning.text:0", "reasoning.encrypted:1");
        assertThat(details.get(2).path("signature").asText()).isEqualTo(SIGNATURE);
        assertThat(details.get(3).path("data").asText()).isEqualTo(REDACTED);
        int firstText = indexOf(chunks, "content", "Four");
        assertThat(indexOf(chunks, "reasoning_content", "Let me ")).isLessThan(firstText);
    }

    @Test
    void excludeKeepsTheReasoningOutOfPlainAndStreamedAnswersButTheModelStillThinks() {
        ANTHROPIC.enqueue(FakeResponse.json(200, AnthropicFixtures.thinkingTextMessage("msg_ex1", "claude-haiku-4-5",
                "Private thoughts.", SIGNATURE, "4", 20, 120)));
        ANTHROPIC.enqueue(FakeResponse.sseText(AnthropicFixtures.thinkingTextStream("msg_ex2", "claude-haiku-4-5",
                List.of("Private ", "thoughts."), SIGNATURE, REDACTED, List.of("Four"), 20, 90)));
        String body = "{\"model\":\"anthropic:claude-haiku-4-5\",\"reasoning\":{\"effort\":\"low\",\"exclude\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"}]";

        JsonNode plain = readJson(chat(tenant.key(), body + "}").body());
        List<JsonNode> chunks = chunksOf(chat(tenant.key(), body + ",\"stream\":true}"));

        assertThat(ANTHROPIC.received()).allSatisfy(r -> assertThat(r.json().at("/thinking/budget_tokens").asInt()).isEqualTo(4096));
        assertThat(plain.at("/choices/0/message/content").asText()).isEqualTo("4");
        assertThat(plain.toString()).doesNotContain("Private").doesNotContain("reasoning_details").doesNotContain(SIGNATURE);
        assertThat(joined(chunks, "content")).isEqualTo("Four");
        assertThat(chunks.toString()).doesNotContain("Private").doesNotContain("reasoning").doesNotContain(REDACTED);
    }

    // ---- Claude's thinking round-trips through a tool turn ----------------------------------------------------

    @Test
    void aToolConversationSendsClaudesSignedAndRedactedThinkingBackUnchanged() {
        ANTHROPIC.enqueue(FakeResponse.json(200, AnthropicFixtures.thinkingToolUseMessage("msg_tool1", "claude-haiku-4-5",
                "I need the weather tool.", SIGNATURE, REDACTED, "toolu_01A", "get_weather", "{\"city\":\"Paris\"}", 50, 80)));
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
                + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";
        String question = "{\"role\":\"user\",\"content\":\"Weather in Paris?\"}";

        JsonNode first = readJson(chat(tenant.key(), "{\"model\":\"anthropic:claude-haiku-4-5\",\"reasoning_effort\":\"low\","
                + tools + ",\"messages\":[" + question + "]}").body());
        JsonNode assistant = first.at("/choices/0/message");
        assertThat(first.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode thinkingAsClaudeWroteIt = readJson(AnthropicFixtures.thinkingToolUseMessage("x", "m", "I need the weather tool.",
                SIGNATURE, REDACTED, "toolu_01A", "get_weather", "{\"city\":\"Paris\"}", 0, 0)).get("content");

        // The client sends the assistant message back as it got it (as the OpenAI SDKs do), then the tool's answer.
        ANTHROPIC.enqueue(FakeResponse.json(200, AnthropicFixtures.textMessage("msg_tool2", "claude-haiku-4-5", "18°C in Paris.", 90, 8)));
        HttpResponse<String> second = chat(tenant.key(), "{\"model\":\"anthropic:claude-haiku-4-5\",\"reasoning_effort\":\"low\","
                + tools + ",\"messages\":[" + question + "," + assistant + ","
                + "{\"role\":\"tool\",\"tool_call_id\":\"toolu_01A\",\"content\":\"18°C\"}]}");

        assertThat(second.statusCode()).isEqualTo(200);
        JsonNode replayed = ANTHROPIC.last().json().at("/messages/1");
        assertThat(replayed.path("role").asText()).isEqualTo("assistant");
        assertThat(replayed.get("content")).as("thinking, redacted thinking and tool_use, byte for byte")
                .isEqualTo(thinkingAsClaudeWroteIt);
    }

    // ---- prompt caching, billed at its own prices ------------------------------------------------------------

    @Test
    void cacheMarksReachClaudeAndCacheReadsAndWritesAreBilledAtTheirPricesInRamAndLedger() {
        ANTHROPIC.enqueue(FakeResponse.json(200, AnthropicFixtures.textMessageWithCache("msg_cache1", "claude-haiku-4-5",
                "Done.", 50, 2000, 10000, 400)));

        // As long as the 12,050 prompt tokens the provider reports (the router refuses counts a prompt cannot hold).
        String manual = "A very long manual. ".repeat(2500);
        HttpResponse<String> response = chat(tenant.key(), """
                {"model":"anthropic:claude-haiku-4-5","messages":[
                  {"role":"system","content":[{"type":"text","text":"%s","cache_control":{"type":"ephemeral"}}]},
                  {"role":"user","content":"Summarise it."}]}""".formatted(manual));

        assertThat(ANTHROPIC.last().json().get("system")).isEqualTo(readJson(
                "[{\"type\":\"text\",\"text\":\"" + manual + "\",\"cache_control\":{\"type\":\"ephemeral\"}}]"));
        JsonNode answer = readJson(response.body());
        assertThat(answer.get("usage")).isEqualTo(readJson("""
                {"prompt_tokens":12050,"completion_tokens":400,"total_tokens":12450,
                 "prompt_tokens_details":{"cached_tokens":10000,"cache_creation_tokens":2000}}"""));
        // claude-haiku-4-5, USD per million: 50 uncached × 1.00 + 2000 written × 1.25 + 10000 read × 0.10 + 400 out × 5.00
        // = 50 + 2500 + 1000 + 2000 = 5550 → $0.00555 = 0.555 cents.
        assertThat(answer.at("/_ram/cost_billed_cents_usd").decimalValue()).isEqualByComparingTo("0.555");
        String requestId = answer.at("/_ram/request_id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT prompt_tokens, cached_tokens, cache_write_tokens, completion_tokens, cost_cents FROM usage_records"
                        + " WHERE request_id = ?", requestId)).singleElement().satisfies(row -> {
                            assertThat(Map.of("prompt", row.get("PROMPT_TOKENS"), "cached", row.get("CACHED_TOKENS"),
                                    "written", row.get("CACHE_WRITE_TOKENS"), "completion", row.get("COMPLETION_TOKENS")))
                                    .isEqualTo(Map.of("prompt", 12050L, "cached", 10000L, "written", 2000L, "completion", 400L));
                            assertThat(new java.math.BigDecimal(row.get("COST_CENTS").toString())).isEqualByComparingTo("0.555");
                        }));
    }

    @Test
    void anotherEffortIsAnotherRequestForTheResponseCache() {
        String low = "{\"model\":\"anthropic:claude-haiku-4-5\",\"temperature\":0,\"reasoning_effort\":\"low\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Cache me " + tenant.keyId() + "\"}]}";

        JsonNode first = readJson(chat(tenant.key(), low).body());
        JsonNode again = readJson(chat(tenant.key(), low).body());
        JsonNode high = readJson(chat(tenant.key(), low.replace("\"low\"", "\"high\"")).body());

        assertThat(List.of(first.at("/_ram/cache_hit").asBoolean(), again.at("/_ram/cache_hit").asBoolean(),
                high.at("/_ram/cache_hit").asBoolean())).containsExactly(false, true, false);
        assertThat(ANTHROPIC.received()).extracting(r -> r.json().at("/thinking/budget_tokens").asInt()).containsExactly(4096, 24576);
    }

    @Test
    void aCachedAnswerKeepsItsReasoningWhenReplayedPlainOrStreamed() {
        ANTHROPIC.enqueue(FakeResponse.sseText(AnthropicFixtures.thinkingTextStream("msg_cached", "claude-haiku-4-5",
                List.of("Let me ", "think."), SIGNATURE, REDACTED, List.of("Four", "."), 20, 90)));
        String body = "{\"model\":\"anthropic:claude-haiku-4-5\",\"temperature\":0,\"reasoning_effort\":\"low\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Cached thinking " + tenant.keyId() + "\"}]";

        List<JsonNode> fresh = chunksOf(chat(tenant.key(), body + ",\"stream\":true}"));
        HttpResponse<String> replayed = chat(tenant.key(), body + ",\"stream\":true}");
        JsonNode plain = readJson(chat(tenant.key(), body + "}").body());

        assertThat(joined(fresh, "reasoning_content")).isEqualTo("Let me think.");
        assertThat(replayed.headers().firstValue("x-ram-cache")).contains("hit");
        assertThat(joined(chunksOf(replayed), "reasoning_content")).isEqualTo("Let me think.");
        assertThat(plain.at("/_ram/cache_hit").asBoolean()).isTrue();
        assertThat(plain.at("/choices/0/message/reasoning_content").asText()).isEqualTo("Let me think.");
        assertThat(plain.at("/choices/0/message/content").asText()).isEqualTo("Four.");
        assertThat(ANTHROPIC.received()).hasSize(1);
    }

    // ---- DeepSeek ---------------------------------------------------------------------------------------------

    @Test
    void deepSeekReasonsThroughItsReasonerAndItsReasoningAndReasoningTokensComeThrough() {
        DEEPSEEK.enqueue(FakeResponse.json(200, DeepSeekFixtures.reasonerCompletion("9.11 < 9.9", "Compare decimals.", 20, 300, 280)));

        ChatCompletion completion = client.chat().completions().create(ask("deepseek:deepseek-chat", "9.11 or 9.9?")
                .reasoningEffort(ReasoningEffort.MEDIUM).build());

        assertThat(DEEPSEEK.last().json().path("model").asText()).isEqualTo("deepseek-reasoner");
        assertThat(DEEPSEEK.last().json().has("reasoning_effort")).isFalse();
        ChatCompletionMessage message = completion.choices().getFirst().message();
        assertThat(field(message, "reasoning_content").asText()).isEqualTo("Compare decimals.");
        assertThat(field(message, "reasoning").asText()).isEqualTo("Compare decimals.");
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(280L);
        // Reasoning is output: 20 × $0.28 + 300 × $0.42 per million = $0.0001316 = 0.01316 cents.
        assertThat(ram(completion._additionalProperties()).get("cost_billed_cents_usd").decimalValue()).isEqualByComparingTo("0.01316");
    }

    @Test
    void deepSeeksStreamedReasoningComesThroughAsDeltas() {
        DEEPSEEK.enqueue(FakeResponse.sse(DeepSeekFixtures.reasonerStreamEvents(List.of("Compare ", "decimals."),
                List.of("9.9", " is larger"), 20, 300)));

        List<JsonNode> chunks = chunksOf(chat(tenant.key(), "{\"model\":\"deepseek:deepseek-chat\",\"stream\":true,"
                + "\"reasoning\":{},\"messages\":[{\"role\":\"user\",\"content\":\"9.11 or 9.9?\"}]}"));

        assertThat(DEEPSEEK.last().json().path("model").asText()).isEqualTo("deepseek-reasoner");
        assertThat(joined(chunks, "reasoning_content")).isEqualTo("Compare decimals.");
        assertThat(joined(chunks, "reasoning")).isEqualTo("Compare decimals.");
        assertThat(joined(chunks, "content")).isEqualTo("9.9 is larger");
    }

    @Test
    void anthropicThinkingOnTheMessagesApiBecomesTheTargetsReasoningAndComesBackAsAThinkingBlock() {
        DEEPSEEK.enqueue(FakeResponse.json(200, DeepSeekFixtures.reasonerCompletion("9.9", "Compare decimals.", 20, 300, 280)));

        HttpResponse<String> response = send("POST", "/v1/messages", "Bearer " + tenant.key(), """
                {"model":"deepseek:deepseek-chat","max_tokens":4096,"thinking":{"type":"enabled","budget_tokens":2048},
                 "messages":[{"role":"user","content":"9.11 or 9.9?"}]}""", "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(DEEPSEEK.last().json().path("model").asText()).isEqualTo("deepseek-reasoner");
        JsonNode content = readJson(response.body()).get("content");
        assertThat(content.get(0).path("type").asText()).isEqualTo("thinking");
        assertThat(content.get(0).path("thinking").asText()).isEqualTo("Compare decimals.");
        assertThat(content.get(1).path("text").asText()).isEqualTo("9.9");
    }

    // ---- the Responses API ------------------------------------------------------------------------------------

    @Test
    void theResponsesApiGivesClaudesThinkingAsAReasoningItem() {
        ANTHROPIC.enqueue(FakeResponse.json(200, AnthropicFixtures.thinkingTextMessage("msg_resp1", "claude-sonnet-4-6",
                "Short question, short answer.", SIGNATURE, "Hi!", 15, 40)));

        HttpResponse<String> response = send("POST", "/v1/responses", "Bearer " + tenant.key(),
                "{\"model\":\"anthropic:claude-sonnet-4-6\",\"input\":\"Hi\",\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ANTHROPIC.last().json().get("output_config")).isEqualTo(readJson("{\"effort\":\"high\"}"));
        JsonNode output = readJson(response.body()).get("output");
        assertThat(output.get(0).path("type").asText()).isEqualTo("reasoning");
        assertThat(output.get(0).path("id").asText()).startsWith("rs_");
        assertThat(output.get(0).get("summary")).isEqualTo(readJson(
                "[{\"type\":\"summary_text\",\"text\":\"Short question, short answer.\"}]"));
        assertThat(output.get(1).path("type").asText()).isEqualTo("message");
        assertThat(readJson(response.body()).path("output_text").asText()).isEqualTo("Hi!");
    }

    @Test
    void aStreamedResponseSummarisesClaudesThinkingInAReasoningItemBeforeTheMessage() {
        ANTHROPIC.enqueue(FakeResponse.sseText(AnthropicFixtures.thinkingTextStream("msg_resp2", "claude-sonnet-4-6",
                List.of("Let me ", "think."), SIGNATURE, REDACTED, List.of("Hi", "!"), 15, 40)));

        HttpResponse<String> response = send("POST", "/v1/responses", "Bearer " + tenant.key(),
                "{\"model\":\"anthropic:claude-sonnet-4-6\",\"input\":\"Hi\",\"stream\":true,\"reasoning\":{\"effort\":\"low\"}}");

        List<SseLines.Event> events = SseLines.events(response.body());
        List<String> names = events.stream().map(SseLines.Event::name).toList();
        assertThat(names).containsSubsequence("response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
                "response.reasoning_summary_part.done", "response.output_item.done", "response.output_item.added",
                "response.output_text.delta", "response.completed");
        assertThat(events.stream().filter(e -> e.name().equals("response.reasoning_summary_text.delta"))
                .map(e -> readJson(e.data()).path("delta").asText())).containsExactly("Let me ", "think.");
        JsonNode completed = readJson(events.getLast().data()).get("response");
        assertThat(completed.at("/output/0/type").asText()).isEqualTo("reasoning");
        assertThat(completed.at("/output/0/summary/0/text").asText()).isEqualTo("Let me think.");
        assertThat(completed.at("/output/1/content/0/text").asText()).isEqualTo("Hi!");
        assertThat(completed.path("output_text").asText()).isEqualTo("Hi!");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static JsonNode field(ChatCompletionMessage message, String name) {
        assertThat(message._additionalProperties()).as("message fields").containsKey(name);
        return message._additionalProperties().get(name).convert(JsonNode.class);
    }

    private static List<JsonNode> chunksOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = SseLines.data(response.body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        return data.subList(0, data.size() - 1).stream().map(ReasoningE2ETest::readJson).toList();
    }

    private static String joined(List<JsonNode> chunks, String field) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/" + field).asText("")));
        return text.toString();
    }

    private static int indexOf(List<JsonNode> chunks, String field, String value) {
        for (int i = 0; i < chunks.size(); i++) {
            if (value.equals(chunks.get(i).at("/choices/0/delta/" + field).asText(null))) {
                return i;
            }
        }
        throw new AssertionError("no chunk with " + field + " = " + value);
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return array instanceof ArrayNode items ? java.util.stream.StreamSupport.stream(items.spliterator(), false)
                : java.util.stream.Stream.empty();
    }
}
