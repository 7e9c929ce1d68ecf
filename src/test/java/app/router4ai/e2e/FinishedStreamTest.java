package app.router4ai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.chat.SseLines;
import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.DeepSeekFixtures;
import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.GeminiFixtures;
import app.router4ai.fake.OpenAiFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A provider stream that finished (its finish reason and usage sent) and then closed without its end marker
 * (OpenAI's {@code [DONE]}, Anthropic's message_stop; Gemini has none), or whose connection dropped right
 * after, is a complete answer: the client gets it whole, ended by {@code [DONE]}, never an error event, and
 * it is billed from the usage the provider reported.
 */
class FinishedStreamTest extends ProviderE2ETest {

    @Autowired
    JdbcTemplate jdbc;

    enum Finished {
        OPENAI_CLOSED("openai:gpt-4o-mini", "Hello there!", 14, 18,
                () -> FakeResponse.sse(withoutLast(OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("Hello", " there", "!"), 14, 18)))),
        OPENAI_CONNECTION_DROPPED("openai:gpt-4o-mini", "Hello there!", 14, 18,
                () -> dropped(withoutLast(OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("Hello", " there", "!"), 14, 18)))),
        DEEPSEEK_CLOSED("deepseek:deepseek-chat", "Hello from DeepSeek!", 16, 10,
                () -> FakeResponse.sse(withoutLast(DeepSeekFixtures.streamEvents("deepseek-chat", List.of("Hello", " from", " DeepSeek!"), 16, 10)))),
        ANTHROPIC_CLOSED("anthropic:claude-sonnet-4-6", ANTHROPIC_TEXT, 12, 6,
                () -> FakeResponse.sseText(withoutMessageStop())),
        ANTHROPIC_CONNECTION_DROPPED("anthropic:claude-sonnet-4-6", ANTHROPIC_TEXT, 12, 6,
                () -> dropped(FakeResponse.sseText(withoutMessageStop()))),
        GEMINI_CONNECTION_DROPPED("gemini:gemini-1.5-pro", GEMINI_TEXT, 10, 5,
                () -> dropped(FakeResponse.sseText(GeminiFixtures.textStream("resp_fake01", "gemini-1.5-pro",
                        List.of("Hello", " from", " Gemini!"), 10, 5))));

        final String model;
        final String text;
        final long promptTokens;
        final long completionTokens;
        final Supplier<FakeResponse> stream;

        Finished(String model, String text, long promptTokens, long completionTokens, Supplier<FakeResponse> stream) {
            this.model = model;
            this.text = text;
            this.promptTokens = promptTokens;
            this.completionTokens = completionTokens;
            this.stream = stream;
        }

        FakeProvider provider() {
            return fakeOf(model);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Finished.class)
    void theOfficialClientGetsTheWholeAnswerWithItsUsage(Finished finished) {
        finished.provider().enqueue(finished.stream.get());

        List<ChatCompletionChunk> chunks = streamed(client, ask(finished.model, "Hello")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());

        assertThat(streamedText(chunks)).isEqualTo(finished.text);
        assertThat(streamedFinishReasons(chunks)).containsExactly("stop");
        CompletionUsage usage = chunks.getLast().usage().orElseThrow();
        assertThat(List.of(usage.promptTokens(), usage.completionTokens()))
                .containsExactly(finished.promptTokens, finished.completionTokens);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Finished.class)
    void theStreamEndsWithDoneAndIsBilledFromTheReportedUsage(Finished finished) {
        finished.provider().enqueue(finished.stream.get());

        HttpResponse<String> response = chat(tenant.key(), "{\"model\":\"" + finished.model
                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");

        List<String> data = SseLines.data(response.body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        assertThat(response.body()).doesNotContain("stream_interrupted").doesNotContain("\"error\"");
        JsonNode finish = readJson(data.get(data.size() - 2));
        String requestId = finish.at("/_ram/request_id").asText();
        Awaitility.await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT prompt_tokens, completion_tokens FROM usage_records WHERE request_id = ?", requestId))
                .singleElement().satisfies(row -> {
                    assertThat(((Number) row.get("prompt_tokens")).longValue()).isEqualTo(finished.promptTokens);
                    assertThat(((Number) row.get("completion_tokens")).longValue()).isEqualTo(finished.completionTokens);
                }));
    }

    private static List<String> withoutLast(List<String> events) {
        return events.subList(0, events.size() - 1);
    }

    private static String withoutMessageStop() {
        String stream = AnthropicFixtures.textStream("msg_fake01", "claude-sonnet-4-6", List.of("Hello", " from", " Claude!"), 12, 6);
        return stream.substring(0, stream.lastIndexOf("event: message_stop"));
    }

    private static FakeResponse dropped(List<String> events) {
        return dropped(FakeResponse.sse(events));
    }

    /** Every event sent, then the connection breaks instead of closing cleanly. */
    private static FakeResponse dropped(FakeResponse stream) {
        return stream.cutAfter(stream.pieces().size());
    }
}
