package app.router4ai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An OpenAI client talking to Claude models through the router: what it sends, what it gets back,
 * and exactly what reaches Anthropic's Messages API (a local fake speaking Anthropic's wire format).
 */
class AnthropicE2ETest extends ProviderE2ETest {

    // ---- plain text -------------------------------------------------------------------------------

    @Test
    void aPlainQuestionGetsClaudesAnswerWithUsageAndCost() {
        ChatCompletion completion = client.chat().completions().create(ask("anthropic:claude-sonnet-4-6", "Hello").build());

        assertThat(completion.id()).isEqualTo("chatcmpl-msg_fake01");
        assertThat(completion.model()).isEqualTo("claude-sonnet-4-6");
        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.message().content()).contains(ANTHROPIC_TEXT);
            assertThat(choice.finishReason().asString()).isEqualTo("stop");
        });
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(List.of(usage.promptTokens(), usage.completionTokens(), usage.totalTokens())).containsExactly(12L, 6L, 18L);

        JsonNode ram = ram(completion._additionalProperties());
        assertThat(ram.get("provider_used").asText()).isEqualTo("anthropic");
        assertThat(ram.get("tier").asText()).isEqualTo("balanced");
        assertThat(ram.get("failover_count").asInt()).isZero();
        // claude-sonnet-4-6: 12 × $3/M + 6 × $15/M = $0.000126 = 0.0126 cents.
        assertThat(ram.get("cost_billed_cents_usd").decimalValue()).isEqualByComparingTo("0.0126");

        assertThat(ANTHROPIC.last().json()).isEqualTo(readJson("""
                {"model":"claude-sonnet-4-6","messages":[{"role":"user","content":"Hello"}],"max_tokens":8192}"""));
        assertThat(OPENAI.received()).isEmpty();
    }

    @Test
    void anthropicGetsTheConfiguredKeyAndVersionAndNeverTheClientsKey() {
        client.chat().completions().create(ask("anthropic:claude-sonnet-4-6", "Hello").build());

        FakeProvider.Received upstream = ANTHROPIC.last();
        assertThat(upstream.method()).isEqualTo("POST");
        assertThat(upstream.path()).isEqualTo("/v1/messages");
        assertThat(upstream.headers()).containsEntry("x-api-key", ANTHROPIC_KEY)
                .containsEntry("anthropic-version", "2023-06-01")
                .doesNotContainKey("authorization");
        assertThat(upstream.headers().get("content-type")).startsWith("application/json");
        // Nothing of the client's own request metadata crosses: no SDK headers, no router key.
        assertThat(upstream.headers().keySet()).noneMatch(h -> h.startsWith("x-stainless") || h.startsWith("openai"));
        assertThat(upstream.headers().toString() + upstream.path() + new String(upstream.body())).doesNotContain(tenant.key());
    }

    @Test
    void aConversationWithASystemPromptBecomesAnthropicsSystemFieldAndAlternatingTurns() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("anthropic:claude-sonnet-4-6")
                .addSystemMessage("You are terse.")
                .addUserMessage("What is 2+2?")
                .addAssistantMessage("4")
                .addUserMessage("And 3+3?")
                .maxCompletionTokens(100)
                .temperature(0.2)
                .build());

        assertThat(completion.choices().getFirst().message().content()).contains(ANTHROPIC_TEXT);
        assertThat(ANTHROPIC.last().json()).isEqualTo(readJson("""
                {"model":"claude-sonnet-4-6","system":"You are terse.",
                 "messages":[{"role":"user","content":"What is 2+2?"},{"role":"assistant","content":"4"},
                             {"role":"user","content":"And 3+3?"}],
                 "max_tokens":100,"temperature":0.2}"""));
    }

    @Test
    void imagesReachClaudeAsUrlAndBase64Sources() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("anthropic:claude-sonnet-4-6")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("What is in these pictures?").build()),
                        image("https://images.example.com/cat.png"),
                        image("data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==")))
                .build());

        assertThat(completion.choices().getFirst().message().content()).contains(ANTHROPIC_TEXT);
        assertThat(ANTHROPIC.last().json().get("messages")).isEqualTo(readJson("""
                [{"role":"user","content":[
                   {"type":"text","text":"What is in these pictures?"},
                   {"type":"image","source":{"type":"url","url":"https://images.example.com/cat.png"}},
                   {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgoAAAANSUhEUg=="}}]}]"""));
    }

    // ---- tools ------------------------------------------------------------------------------------

    @Test
    void aToolCallRoundTripKeepsClaudesToolUseId() {
        ANTHROPIC.enqueue(FakeResponse.json(200, AnthropicFixtures.toolUseMessage("msg_tool1", "claude-sonnet-4-6", "toolu_01A",
                "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}", 50, 20)));
        ChatCompletionCreateParams first = ask("anthropic:claude-sonnet-4-6", "Weather in Paris?")
                .addFunctionTool(weatherFunction()).build();

        ChatCompletion call = client.chat().completions().create(first);

        assertThat(call.choices().getFirst().finishReason().asString()).isEqualTo("tool_calls");
        ChatCompletionMessageFunctionToolCall toolCall = call.choices().getFirst().message().toolCalls().orElseThrow()
                .getFirst().asFunction();
        assertThat(toolCall.id()).isEqualTo("toolu_01A");
        assertThat(toolCall.function().name()).isEqualTo("get_weather");
        assertThat(readJson(toolCall.function().arguments())).isEqualTo(readJson("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        assertThat(ANTHROPIC.last().json().get("tools")).isEqualTo(readJson("""
                [{"name":"get_weather","description":"Current weather in a city","input_schema":%s}]"""
                .formatted(weatherParametersJson())));

        ANTHROPIC.enqueue(FakeResponse.json(200, AnthropicFixtures.textMessage("msg_tool2", "claude-sonnet-4-6",
                "It is 18°C in Paris.", 80, 9)));
        ChatCompletion answer = client.chat().completions().create(first.toBuilder()
                .addMessage(call.choices().getFirst().message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(toolCall.id()).content("{\"temp_c\":18}").build())
                .build());

        assertThat(answer.choices().getFirst().message().content()).contains("It is 18°C in Paris.");
        assertThat(answer.choices().getFirst().finishReason().asString()).isEqualTo("stop");
        assertThat(ANTHROPIC.last().json().get("messages")).isEqualTo(readJson("""
                [{"role":"user","content":"Weather in Paris?"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_01A","name":"get_weather",
                                                 "input":{"city":"Paris","unit":"celsius"}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":"{\\"temp_c\\":18}"}]}]"""));
    }

    @Test
    void aStreamedToolCallReassemblesIntoValidArgumentsAndTheRoundTripContinues() {
        List<String> fragments = List.of("{\"ci", "ty\": \"Pa", "ris\", \"unit\"", ": \"celsius\"}");
        ANTHROPIC.enqueue(FakeResponse.sseText(AnthropicFixtures.toolUseStream("msg_tool3", "claude-sonnet-4-6", "toolu_02B",
                "get_weather", fragments, 50, 20)));
        ChatCompletionCreateParams first = ask("anthropic:claude-sonnet-4-6", "Weather in Paris?")
                .addFunctionTool(weatherFunction()).build();

        List<ChatCompletionChunk> chunks = streamed(client, first);

        Map<Long, StreamedToolCall> calls = streamedToolCalls(chunks);
        assertThat(calls).containsOnlyKeys(0L);
        StreamedToolCall call = calls.get(0L);
        assertThat(call.id()).isEqualTo("toolu_02B");
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.argumentFragments()).as("arguments arrive in pieces, as Claude sent them").isEqualTo(fragments);
        assertThat(readJson(call.arguments())).isEqualTo(readJson("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        assertThat(streamedFinishReasons(chunks)).containsExactly("tool_calls");
        assertThat(ANTHROPIC.last().json().get("stream").asBoolean()).isTrue();

        // The client's own accumulator rebuilds the assistant message; the conversation goes on, streamed.
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        chunks.forEach(accumulator::accumulate);
        ANTHROPIC.enqueue(FakeResponse.sseText(AnthropicFixtures.textStream("msg_tool4", "claude-sonnet-4-6",
                List.of("18°C", " and sunny."), 80, 7)));
        List<ChatCompletionChunk> answer = streamed(client, first.toBuilder()
                .addMessage(accumulator.chatCompletion().choices().getFirst().message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("18 degrees, sunny").build())
                .build());

        assertThat(streamedText(answer)).isEqualTo("18°C and sunny.");
        assertThat(ANTHROPIC.last().json().get("messages")).isEqualTo(readJson("""
                [{"role":"user","content":"Weather in Paris?"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_02B","name":"get_weather",
                                                 "input":{"city":"Paris","unit":"celsius"}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_02B","content":"18 degrees, sunny"}]}]"""));
    }

    // ---- streaming and usage ----------------------------------------------------------------------

    @Test
    void aStreamWithIncludeUsageEndsWithAUsageChunkCarryingTheCost() {
        // claude-haiku-4-5: 12 × $1/M + 6 × $5/M = $0.000042 = 0.0042 cents.
        assertStreamEndsWithUsageChunk("anthropic:claude-haiku-4-5", ANTHROPIC_TEXT, "chatcmpl-msg_fake01", List.of(12L, 6L, 18L),
                "anthropic", "0.0042");

        FakeProvider.Received upstream = ANTHROPIC.last();
        assertThat(upstream.path()).isEqualTo("/v1/messages");
        assertThat(upstream.headers()).containsEntry("accept", "text/event-stream").containsEntry("x-api-key", ANTHROPIC_KEY);
        // Anthropic always streams usage: no stream_options, just stream: true.
        assertThat(upstream.json()).isEqualTo(readJson("""
                {"model":"claude-haiku-4-5","messages":[{"role":"user","content":"Hello"}],"max_tokens":8192,"stream":true}"""));
    }

    @Test
    void promptCachingIsBilledWithCacheReadsAndWritesAtTheirOwnPrices() {
        ANTHROPIC.enqueue(FakeResponse.json(200, AnthropicFixtures.textMessageWithCache("msg_cache", "claude-sonnet-4-6",
                "Cached hello.", 100, 20, 50, 30)));

        ChatCompletion completion = client.chat().completions().create(ask("anthropic:claude-sonnet-4-6", "Hello").build());

        CompletionUsage usage = completion.usage().orElseThrow();
        // prompt = input + cache writes + cache reads; only the reads are "cached".
        assertThat(usage.promptTokens()).isEqualTo(170);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(50L);
        assertThat(usage.completionTokens()).isEqualTo(30);
        assertThat(usage.totalTokens()).isEqualTo(200);
        assertThat(usage.promptTokensDetails().orElseThrow()._additionalProperties().get("cache_creation_tokens")
                .convert(Long.class)).isEqualTo(20L);
        // 100 × $3/M + 20 × $3.75/M (cache writes) + 50 × $0.30/M (cache reads) + 30 × $15/M = $0.00084 = 0.084 cents.
        assertThat(ram(completion._additionalProperties()).get("cost_billed_cents_usd").decimalValue())
                .isEqualByComparingTo(new BigDecimal("0.084"));
    }

    @Test
    void aStreamWithoutIncludeUsageCarriesRamOnTheFinishChunk() {
        assertRamOnlyOnTheFinishChunk("anthropic:claude-haiku-4-5", "anthropic", "0.0042");
    }

    // ---- finish reasons ---------------------------------------------------------------------------

    @ParameterizedTest(name = "stop_reason {0} → finish_reason {1}")
    @CsvSource({"end_turn, stop", "stop_sequence, stop", "max_tokens, length", "refusal, content_filter"})
    void everyStopReasonArrivesAsTheMatchingFinishReason(String stopReason, String finishReason) {
        ANTHROPIC.enqueue(FakeResponse.json(200, AnthropicFixtures.textMessage("msg_fr", "claude-sonnet-4-6", "Some text",
                stopReason, 5, 3)));
        ANTHROPIC.enqueue(FakeResponse.sseText(AnthropicFixtures.textStream("msg_fr", "claude-sonnet-4-6", List.of("Some", " text"),
                stopReason, 5, 3)));

        assertFinishReasonUnstreamedAndStreamed("anthropic:claude-sonnet-4-6", finishReason);
    }

    // ---- errors -----------------------------------------------------------------------------------

    @Test
    void anthropicsRefusalOfTheRequestReachesTheClientAsAnOpenAiBadRequest() {
        ANTHROPIC.enqueue(FakeResponse.json(400, AnthropicFixtures.errorBody("invalid_request_error",
                "messages.0.content: text content blocks must contain non-whitespace text")));

        BadRequestException error = catchThrowableOfType(BadRequestException.class,
                () -> client.chat().completions().create(ask("anthropic:claude-sonnet-4-6", " ").build()));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.getMessage()).contains("text content blocks must contain non-whitespace text");
        assertThat(error.type()).contains("invalid_request_error");
        assertThat(error.code()).contains("invalid_request_error");
        assertThat(ANTHROPIC.received()).hasSize(1);
        assertThat(OPENAI.received()).as("the request's own fault: no failover").isEmpty();
    }

    @Test
    void anthropicsNotFoundReachesTheClientAsAnOpenAiNotFound() {
        ANTHROPIC.enqueue(FakeResponse.json(404, AnthropicFixtures.errorBody("not_found_error", "model: claude-sonnet-4-6")));

        assertThatThrownBy(() -> client.chat().completions().create(ask("anthropic:claude-sonnet-4-6", "Hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.getMessage()).contains("model: claude-sonnet-4-6");
                    assertThat(e.code()).contains("not_found_error");
                });
    }

    @ParameterizedTest(name = "Anthropic HTTP {0}")
    @ValueSource(ints = {500, 503, 529})
    void aFailingAnthropicGivesAPinnedRequest503AllProvidersFailedWithoutFailover(int status) {
        String type = status == 529 ? "overloaded_error" : "api_error";
        ANTHROPIC.enqueue(FakeResponse.json(status, AnthropicFixtures.errorBody(type, "Internal trouble " + status)));
        ANTHROPIC.enqueue(FakeResponse.json(status, AnthropicFixtures.errorBody(type, "Internal trouble " + status)));   // its retry

        assertPinnedFailureWithoutFailover("anthropic:claude-haiku-4-5", status, "anthropic", ANTHROPIC_KEY, ANTHROPIC, GEMINI);
    }

    @Test
    void anOverloadedClaudeFailsOverToTheNextProviderOfTheTierWhenNotPinned() {
        ANTHROPIC.enqueue(FakeResponse.json(529, AnthropicFixtures.errorBody("overloaded_error", "Overloaded")));
        ANTHROPIC.enqueue(FakeResponse.json(529, AnthropicFixtures.errorBody("overloaded_error", "Overloaded")));   // and its retry

        assertFailedOverToOpenAi("claude-haiku-4-5", ANTHROPIC);
    }

    @Test
    void anErrorEventMidStreamSurfacesAsAnExceptionWhileIterating() {
        ANTHROPIC.enqueue(FakeResponse.sseText(AnthropicFixtures.cutTextStream("msg_err", "claude-sonnet-4-6", "Hel", 12)
                + AnthropicFixtures.errorEvent("overloaded_error", "Overloaded")));

        assertOverloadSurfacesWhileIterating("anthropic:claude-sonnet-4-6", "Overloaded");
    }

    @Test
    void anErrorEventMidStreamIsAnOpenAiErrorEventWithoutDone() {
        ANTHROPIC.enqueue(FakeResponse.sseText(AnthropicFixtures.cutTextStream("msg_err", "claude-sonnet-4-6", "Hel", 12)
                + AnthropicFixtures.errorEvent("overloaded_error", "Overloaded")));

        assertThat(lastEventOfAFailedStream("anthropic:claude-sonnet-4-6")).isEqualTo(readJson("""
                {"error":{"message":"Overloaded","type":"server_error","param":null,"code":"overloaded"}}"""));
    }

    @Test
    void askingClaudeForTwoChoicesIsRefusedWithParamN() {
        BadRequestException error = catchThrowableOfType(BadRequestException.class,
                () -> client.chat().completions().create(ask("anthropic:claude-haiku-4-5", "Hi").n(2).build()));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.param()).contains("n");
        assertThat(error.type()).contains("invalid_request_error");
        assertThat(error.getMessage()).contains("n > 1");
        assertThat(ANTHROPIC.received()).isEmpty();
        assertThat(OPENAI.received()).isEmpty();
    }

    @Test
    void twoChoicesOfAnUnpinnedClaudeModelAreServedByAProviderThatCanGiveThem() {
        ChatCompletion completion = client.chat().completions().create(ask("claude-haiku-4-5", "Hi").n(2).build());

        JsonNode ram = ram(completion._additionalProperties());
        assertThat(ram.get("provider_used").asText()).isEqualTo("openai");
        assertThat(ram.get("failover_count").asInt()).as("passed over, not failed").isZero();
        assertThat(ANTHROPIC.received()).isEmpty();
        assertThat(OPENAI.last().json().get("n").asInt()).isEqualTo(2);
    }
}
