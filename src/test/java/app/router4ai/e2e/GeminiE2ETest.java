package app.router4ai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.router4ai.chat.SseLines;
import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.GeminiFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An OpenAI client talking to Gemini models through the router: what it sends, what it gets back,
 * and exactly what reaches the Gemini API (a local fake speaking Gemini's wire format).
 */
class GeminiE2ETest extends ProviderE2ETest {

    // ---- plain text -------------------------------------------------------------------------------

    @Test
    void aPlainQuestionGetsGeminisAnswerWithUsageAndCost() {
        ChatCompletion completion = client.chat().completions().create(ask("gemini:gemini-1.5-pro", "Hello").build());

        assertThat(completion.id()).isEqualTo("chatcmpl-resp_fake01");
        assertThat(completion.model()).isEqualTo("gemini-1.5-pro");
        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.message().content()).contains(GEMINI_TEXT);
            assertThat(choice.finishReason().asString()).isEqualTo("stop");
        });
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(List.of(usage.promptTokens(), usage.completionTokens(), usage.totalTokens())).containsExactly(10L, 5L, 15L);

        JsonNode ram = ram(completion._additionalProperties());
        assertThat(ram.get("provider_used").asText()).isEqualTo("gemini");
        assertThat(ram.get("tier").asText()).isEqualTo("balanced");
        assertThat(ram.get("failover_count").asInt()).isZero();
        // gemini-1.5-pro: 10 × $1.25/M + 5 × $5/M = $0.0000375 = 0.00375 cents.
        assertThat(ram.get("cost_billed_cents_usd").decimalValue()).isEqualByComparingTo("0.00375");

        assertThat(GEMINI.last().path()).isEqualTo("/v1beta/models/gemini-1.5-pro:generateContent");
        assertThat(GEMINI.last().json()).isEqualTo(readJson("""
                {"contents":[{"role":"user","parts":[{"text":"Hello"}]}]}"""));
        assertThat(OPENAI.received()).isEmpty();
    }

    @Test
    void geminiGetsTheConfiguredKeyInAHeaderAndNeverTheClientsKey() {
        client.chat().completions().create(ask("gemini:gemini-1.5-flash", "Hello").build());

        FakeProvider.Received upstream = GEMINI.last();
        assertThat(upstream.method()).isEqualTo("POST");
        assertThat(upstream.path()).as("the key never goes in the URL").isEqualTo("/v1beta/models/gemini-1.5-flash:generateContent");
        assertThat(upstream.headers()).containsEntry("x-goog-api-key", GEMINI_KEY).doesNotContainKey("authorization");
        assertThat(upstream.headers().get("content-type")).startsWith("application/json");
        assertThat(upstream.headers().keySet()).noneMatch(h -> h.startsWith("x-stainless") || h.startsWith("openai"));
        assertThat(upstream.headers().toString() + upstream.path() + new String(upstream.body())).doesNotContain(tenant.key());
    }

    @Test
    void aConversationWithASystemPromptBecomesSystemInstructionAndUserModelTurns() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gemini:gemini-1.5-pro")
                .addSystemMessage("You are terse.")
                .addUserMessage("What is 2+2?")
                .addAssistantMessage("4")
                .addUserMessage("And 3+3?")
                .maxCompletionTokens(100)
                .temperature(0.2)
                .build());

        assertThat(completion.choices().getFirst().message().content()).contains(GEMINI_TEXT);
        assertThat(GEMINI.last().json()).isEqualTo(readJson("""
                {"contents":[{"role":"user","parts":[{"text":"What is 2+2?"}]},
                             {"role":"model","parts":[{"text":"4"}]},
                             {"role":"user","parts":[{"text":"And 3+3?"}]}],
                 "systemInstruction":{"parts":[{"text":"You are terse."}]},
                 "generationConfig":{"temperature":0.2,"maxOutputTokens":100}}"""));
    }

    @Test
    void imagesReachGeminiAsFileDataAndInlineData() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gemini:gemini-1.5-pro")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("What is in these pictures?").build()),
                        image("https://images.example.com/cat.png"),
                        image("data:image/webp;base64,UklGRhYAAABXRUJQ")))
                .build());

        assertThat(completion.choices().getFirst().message().content()).contains(GEMINI_TEXT);
        assertThat(GEMINI.last().json().get("contents")).isEqualTo(readJson("""
                [{"role":"user","parts":[
                   {"text":"What is in these pictures?"},
                   {"fileData":{"mimeType":"image/png","fileUri":"https://images.example.com/cat.png"}},
                   {"inlineData":{"mimeType":"image/webp","data":"UklGRhYAAABXRUJQ"}}]}]"""));
    }

    // ---- tools ------------------------------------------------------------------------------------

    @Test
    void aFunctionCallRoundTripGivesTheCallAnIdAndAnswersItByName() {
        GEMINI.enqueue(FakeResponse.json(200, GeminiFixtures.functionCallResponse("resp_tool1", "gemini-1.5-pro", "get_weather",
                "{\"city\":\"Paris\",\"unit\":\"celsius\"}", 40, 8)));
        ChatCompletionCreateParams first = ask("gemini:gemini-1.5-pro", "Weather in Paris?")
                .addFunctionTool(weatherFunction()).build();

        ChatCompletion call = client.chat().completions().create(first);

        assertThat(call.choices().getFirst().finishReason().asString()).as("Gemini says STOP; a call is tool_calls").isEqualTo("tool_calls");
        ChatCompletionMessageFunctionToolCall toolCall = call.choices().getFirst().message().toolCalls().orElseThrow()
                .getFirst().asFunction();
        assertThat(toolCall.id()).startsWith("call_");
        assertThat(toolCall.function().name()).isEqualTo("get_weather");
        assertThat(readJson(toolCall.function().arguments())).isEqualTo(readJson("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        // Gemini 1.5 takes parameters in its OpenAPI subset only (parametersJsonSchema came with Gemini 2.5).
        assertThat(GEMINI.last().json().get("tools")).isEqualTo(readJson("""
                [{"functionDeclarations":[{"name":"get_weather","description":"Current weather in a city","parameters":%s}]}]"""
                .formatted(weatherParametersJson())));

        GEMINI.enqueue(FakeResponse.json(200, GeminiFixtures.textResponse("resp_tool2", "gemini-1.5-pro", "It is 18°C in Paris.", 60, 9)));
        ChatCompletion answer = client.chat().completions().create(first.toBuilder()
                .addMessage(call.choices().getFirst().message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(toolCall.id()).content("{\"temp_c\":18}").build())
                .build());

        assertThat(answer.choices().getFirst().message().content()).contains("It is 18°C in Paris.");
        assertThat(answer.choices().getFirst().finishReason().asString()).isEqualTo("stop");
        assertThat(GEMINI.last().json().get("contents")).isEqualTo(readJson("""
                [{"role":"user","parts":[{"text":"Weather in Paris?"}]},
                 {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris","unit":"celsius"}}}]},
                 {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"temp_c":18}}}]}]"""));
    }

    @Test
    void aStreamedFunctionCallArrivesAsOneValidToolCallAndTheRoundTripContinues() {
        GEMINI.enqueue(FakeResponse.sseText(GeminiFixtures.functionCallStream("resp_tool3", "gemini-1.5-pro", "get_weather",
                "{\"city\":\"Paris\",\"unit\":\"celsius\"}", 40, 8)));
        ChatCompletionCreateParams first = ask("gemini:gemini-1.5-pro", "Weather in Paris?")
                .addFunctionTool(weatherFunction()).build();

        List<ChatCompletionChunk> chunks = streamed(client, first);

        Map<Long, StreamedToolCall> calls = streamedToolCalls(chunks);
        assertThat(calls).containsOnlyKeys(0L);
        StreamedToolCall call = calls.get(0L);
        assertThat(call.id()).startsWith("call_");
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(readJson(call.arguments())).isEqualTo(readJson("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        assertThat(streamedFinishReasons(chunks)).containsExactly("tool_calls");
        assertThat(GEMINI.last().path()).isEqualTo("/v1beta/models/gemini-1.5-pro:streamGenerateContent?alt=sse");

        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        chunks.forEach(accumulator::accumulate);
        GEMINI.enqueue(FakeResponse.sseText(GeminiFixtures.textStream("resp_tool4", "gemini-1.5-pro",
                List.of("18°C", " and sunny."), 60, 7)));
        List<ChatCompletionChunk> answer = streamed(client, first.toBuilder()
                .addMessage(accumulator.chatCompletion().choices().getFirst().message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("18 degrees, sunny").build())
                .build());

        assertThat(streamedText(answer)).isEqualTo("18°C and sunny.");
        assertThat(GEMINI.last().json().get("contents")).isEqualTo(readJson("""
                [{"role":"user","parts":[{"text":"Weather in Paris?"}]},
                 {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris","unit":"celsius"}}}]},
                 {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"18 degrees, sunny"}}}]}]"""));
    }

    @Test
    void aFunctionCallGetsTheSameIdStreamedAndNotStreamed() {
        String args = "{\"city\":\"Paris\"}";
        GEMINI.enqueue(FakeResponse.json(200, GeminiFixtures.functionCallResponse("resp_same", "gemini-1.5-pro", "get_weather", args, 40, 8)));
        GEMINI.enqueue(FakeResponse.sseText(GeminiFixtures.functionCallStream("resp_same", "gemini-1.5-pro", "get_weather", args, 40, 8)));
        ChatCompletionCreateParams params = ask("gemini:gemini-1.5-pro", "Weather in Paris?").addFunctionTool(weatherFunction()).build();

        String unstreamed = client.chat().completions().create(params).choices().getFirst().message().toolCalls().orElseThrow()
                .getFirst().asFunction().id();
        String streamedId = streamedToolCalls(streamed(client, params)).get(0L).id();

        assertThat(streamedId).isEqualTo(unstreamed);
    }

    // ---- streaming and usage ----------------------------------------------------------------------

    @Test
    void aStreamWithIncludeUsageEndsWithAUsageChunkCarryingTheCost() {
        // gemini-1.5-flash: 10 × $0.075/M + 5 × $0.30/M = $0.00000225 = 0.000225 cents.
        assertStreamEndsWithUsageChunk("gemini:gemini-1.5-flash", GEMINI_TEXT, "chatcmpl-resp_fake01", List.of(10L, 5L, 15L),
                "gemini", "0.000225");

        FakeProvider.Received upstream = GEMINI.last();
        assertThat(upstream.path()).isEqualTo("/v1beta/models/gemini-1.5-flash:streamGenerateContent?alt=sse");
        assertThat(upstream.headers()).containsEntry("accept", "text/event-stream").containsEntry("x-goog-api-key", GEMINI_KEY);
        // Gemini reports usage in every event: no stream flag, no stream_options in the body.
        assertThat(upstream.json()).isEqualTo(readJson("""
                {"contents":[{"role":"user","parts":[{"text":"Hello"}]}]}"""));
    }

    @Test
    void cachedTokensAndThoughtsAreBilledAtTheirPrices() {
        GEMINI.enqueue(FakeResponse.json(200, GeminiFixtures.textResponseWithCacheAndThoughts("resp_cache", "gemini-1.5-pro",
                "Cached hello.", 1000, 400, 200, 50)));

        ChatCompletion completion = client.chat().completions().create(ask("gemini:gemini-1.5-pro", "Hello").build());

        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(1000);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(400L);
        assertThat(usage.completionTokens()).as("candidates + thoughts").isEqualTo(250);
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(50L);
        assertThat(usage.totalTokens()).isEqualTo(1250);
        // 600 × $1.25/M + 400 × $0.3125/M + 250 × $5/M = $0.002125 = 0.2125 cents.
        assertThat(ram(completion._additionalProperties()).get("cost_billed_cents_usd").decimalValue()).isEqualByComparingTo("0.2125");
    }

    @Test
    void aStreamWithoutIncludeUsageCarriesRamOnTheFinishChunk() {
        assertRamOnlyOnTheFinishChunk("gemini:gemini-1.5-flash", "gemini", "0.000225");
    }

    // ---- finish reasons ---------------------------------------------------------------------------

    @ParameterizedTest(name = "finishReason {0} → finish_reason {1}")
    @CsvSource({"STOP, stop", "MAX_TOKENS, length", "SAFETY, content_filter", "RECITATION, content_filter"})
    void everyFinishReasonArrivesAsTheMatchingOpenAiOne(String geminiReason, String finishReason) {
        GEMINI.enqueue(FakeResponse.json(200, GeminiFixtures.textResponse("resp_fr", "gemini-1.5-pro", "Some text",
                geminiReason, 5, 3)));
        GEMINI.enqueue(FakeResponse.sseText(GeminiFixtures.textStream("resp_fr", "gemini-1.5-pro", List.of("Some", " text"),
                geminiReason, 5, 3)));

        assertFinishReasonUnstreamedAndStreamed("gemini:gemini-1.5-pro", finishReason);
    }

    @Test
    void anAnswerStoppedBySafetyFiltersIsContentFilterWithNoContent() {
        GEMINI.enqueue(FakeResponse.json(200, GeminiFixtures.safetyBlockedResponse("resp_safe", "gemini-1.5-pro", 9)));

        ChatCompletion completion = client.chat().completions().create(ask("gemini:gemini-1.5-pro", "Something risky").build());

        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.finishReason().asString()).isEqualTo("content_filter");
            assertThat(choice.message().content()).isEmpty();
        });
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(9);
    }

    @Test
    void aBlockedPromptIsContentFilterStreamedAndNotStreamed() {
        GEMINI.enqueue(FakeResponse.json(200, GeminiFixtures.promptBlockedResponse("resp_blocked", "gemini-1.5-pro", "SAFETY", 12)));
        ChatCompletion completion = client.chat().completions().create(ask("gemini:gemini-1.5-pro", "Something risky").build());
        assertThat(completion.choices()).singleElement()
                .satisfies(choice -> assertThat(choice.finishReason().asString()).isEqualTo("content_filter"));

        GEMINI.enqueue(FakeResponse.sseText(GeminiFixtures.promptBlockedStream("resp_blocked", "gemini-1.5-pro", "SAFETY", 12)));
        List<ChatCompletionChunk> chunks = streamed(client, ask("gemini:gemini-1.5-pro", "Something risky")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());
        assertThat(streamedFinishReasons(chunks)).containsExactly("content_filter");
        assertThat(chunks.getLast().usage().orElseThrow().promptTokens()).isEqualTo(12);
    }

    // ---- errors -----------------------------------------------------------------------------------

    @Test
    void geminisRefusalOfTheRequestReachesTheClientAsAnOpenAiBadRequest() {
        GEMINI.enqueue(FakeResponse.json(400, GeminiFixtures.errorBody(400, "INVALID_ARGUMENT",
                "Unable to submit request because it has an empty text parameter.")));

        BadRequestException error = catchThrowableOfType(BadRequestException.class,
                () -> client.chat().completions().create(ask("gemini:gemini-1.5-pro", " ").build()));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.getMessage()).contains("empty text parameter");
        assertThat(error.type()).contains("invalid_request_error");
        assertThat(error.code()).contains("invalid_argument");
        assertThat(GEMINI.received()).hasSize(1);
        assertThat(OPENAI.received()).as("the request's own fault: no failover").isEmpty();
    }

    @Test
    void geminisNotFoundReachesTheClientAsAnOpenAiNotFound() {
        GEMINI.enqueue(FakeResponse.json(404, GeminiFixtures.errorBody(404, "NOT_FOUND",
                "models/gemini-1.5-pro is not found for API version v1beta")));

        assertThatThrownBy(() -> client.chat().completions().create(ask("gemini:gemini-1.5-pro", "Hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.getMessage()).contains("is not found for API version v1beta");
                    assertThat(e.code()).contains("not_found");
                });
    }

    @ParameterizedTest(name = "Gemini HTTP {0} {1}")
    @CsvSource({"500, INTERNAL", "503, UNAVAILABLE", "504, DEADLINE_EXCEEDED"})
    void aFailingGeminiGivesAPinnedRequest503AllProvidersFailedWithoutFailover(int status, String geminiStatus) {
        GEMINI.enqueue(FakeResponse.json(status, GeminiFixtures.errorBody(status, geminiStatus, "Trouble " + status)));
        GEMINI.enqueue(FakeResponse.json(status, GeminiFixtures.errorBody(status, geminiStatus, "Trouble " + status)));   // its retry

        assertPinnedFailureWithoutFailover("gemini:gemini-1.5-flash", status, "gemini", GEMINI_KEY, GEMINI, ANTHROPIC);
    }

    @Test
    void geminiRefusingTheRoutersKeyIsAProviderFailureNotTheClientsBadRequest() {
        // Gemini answers a bad key with 400 INVALID_ARGUMENT (reason API_KEY_INVALID), not 401/403.
        GEMINI.enqueue(FakeResponse.json(400, GeminiFixtures.apiKeyInvalidBody()));
        InternalServerException pinned = catchThrowableOfType(InternalServerException.class,
                () -> client.chat().completions().create(ask("gemini:gemini-1.5-flash", "Hi").build()));

        assertThat(pinned.statusCode()).isEqualTo(503);
        assertThat(pinned.code()).contains("all_providers_failed");
        assertThat(pinned.getMessage()).contains("gemini").contains("key was refused").doesNotContain("API key not valid");

        GEMINI.enqueue(FakeResponse.json(400, GeminiFixtures.apiKeyInvalidBody()));
        ChatCompletion completion = client.chat().completions().create(ask("gemini-1.5-flash", "Hi").build());

        JsonNode ram = ram(completion._additionalProperties());
        assertThat(ram.get("provider_used").asText()).isEqualTo("openai");
        assertThat(ram.get("failover_count").asInt()).isEqualTo(1);
    }

    @Test
    void anOverloadedGeminiFailsOverToTheNextProviderOfTheTierWhenNotPinned() {
        GEMINI.enqueue(FakeResponse.json(503, GeminiFixtures.errorBody(503, "UNAVAILABLE", "The model is overloaded.")));
        GEMINI.enqueue(FakeResponse.json(503, GeminiFixtures.errorBody(503, "UNAVAILABLE", "The model is overloaded.")));   // and its retry

        assertFailedOverToOpenAi("gemini-1.5-flash", GEMINI);
    }

    @Test
    void anErrorEventMidStreamSurfacesAsAnExceptionWhileIterating() {
        GEMINI.enqueue(FakeResponse.sseText(GeminiFixtures.cutTextStream("resp_err", "gemini-1.5-pro", "Hel", 10)
                + GeminiFixtures.errorEvent(503, "UNAVAILABLE", "The model is overloaded.")));

        assertOverloadSurfacesWhileIterating("gemini:gemini-1.5-pro", "The model is overloaded.");
    }

    @Test
    void anErrorEventMidStreamIsAnOpenAiErrorEventWithoutDone() {
        GEMINI.enqueue(FakeResponse.sseText(GeminiFixtures.cutTextStream("resp_err", "gemini-1.5-pro", "Hel", 10)
                + GeminiFixtures.errorEvent(503, "UNAVAILABLE", "The model is overloaded.")));

        assertThat(lastEventOfAFailedStream("gemini:gemini-1.5-pro")).isEqualTo(readJson("""
                {"error":{"message":"The model is overloaded.","type":"server_error","param":null,"code":"overloaded"}}"""));
    }

    @Test
    void aStreamCutBeforeAnyFinishReasonEndsWithStreamInterrupted() {
        GEMINI.enqueue(FakeResponse.sseText(GeminiFixtures.textStream("resp_cut", "gemini-1.5-pro", List.of("a", "b", "c"), 10, 3))
                .cutAfter(2));

        HttpResponse<String> response = chat(tenant.key(),
                "{\"model\":\"gemini:gemini-1.5-pro\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        List<String> data = SseLines.data(response.body());
        assertThat(data).doesNotContain("[DONE]");
        assertThat(readJson(data.getLast()).at("/error/code").asText()).isEqualTo("stream_interrupted");
    }

    @Test
    void twoChoicesFromGeminiAreTwoCandidates() {
        GEMINI.enqueue(FakeResponse.json(200, GeminiFixtures.twoCandidatesResponse("resp_two", "gemini-1.5-pro",
                "First answer.", "Second answer.", 10, 8)));

        ChatCompletion completion = client.chat().completions().create(ask("gemini:gemini-1.5-pro", "Hi").n(2).build());

        assertThat(completion.choices()).hasSize(2);
        assertThat(completion.choices().get(0).message().content()).contains("First answer.");
        assertThat(completion.choices().get(1).index()).isEqualTo(1);
        assertThat(completion.choices().get(1).message().content()).contains("Second answer.");
        assertThat(GEMINI.last().json().at("/generationConfig/candidateCount").asInt()).isEqualTo(2);
    }
}
