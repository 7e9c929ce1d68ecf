package app.router4ai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.router4ai.chat.SseLines;
import app.router4ai.fake.FakeProvider;
import app.router4ai.support.AllProvidersTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every translated provider must look like to an OpenAI client, whatever its wire format: the
 * scenarios the Anthropic and Gemini end-to-end tests share. Each test arranges its own fake's answer;
 * these only send the request and check what the client sees.
 */
abstract class ProviderE2ETest extends AllProvidersTest {

    protected TenantKey tenant;
    protected OpenAIClient client;

    @BeforeEach
    void client() {
        tenant = newTenantKey();
        client = openAi(tenant.key());
    }

    /** The fake behind a pinned model ({@code provider:model}). */
    protected static FakeProvider fakeOf(String pinnedModel) {
        return switch (pinnedModel.substring(0, pinnedModel.indexOf(':'))) {
            case "openai" -> OPENAI;
            case "deepseek" -> DEEPSEEK;
            case "anthropic" -> ANTHROPIC;
            case "gemini" -> GEMINI;
            default -> throw new IllegalArgumentException(pinnedModel);
        };
    }

    protected static ChatCompletionCreateParams.Builder ask(String model, String question) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(question);
    }

    protected static ChatCompletionContentPart image(String url) {
        return ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(url).build()).build());
    }

    /**
     * A stream asked with include_usage: the whole answer under one id, finished by "stop", then a last
     * chunk with no choices that alone carries the usage (prompt, completion, total) and the _ram cost.
     */
    protected void assertStreamEndsWithUsageChunk(String model, String text, String id, List<Long> usage,
                                                  String provider, String costCents) {
        List<ChatCompletionChunk> chunks = streamed(client, ask(model, "Hello")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());

        assertThat(streamedText(chunks)).isEqualTo(text);
        assertThat(chunks).extracting(ChatCompletionChunk::id).containsOnly(id);
        assertThat(streamedFinishReasons(chunks)).containsExactly("stop");
        ChatCompletionChunk last = chunks.getLast();
        assertThat(last.choices()).isEmpty();
        CompletionUsage counted = last.usage().orElseThrow();
        assertThat(List.of(counted.promptTokens(), counted.completionTokens(), counted.totalTokens())).containsExactlyElementsOf(usage);
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.usage()).isEmpty());
        JsonNode ram = ram(last._additionalProperties());
        assertThat(ram.get("provider_used").asText()).isEqualTo(provider);
        assertThat(ram.get("cost_billed_cents_usd").decimalValue()).isEqualByComparingTo(costCents);
    }

    /**
     * The same finish reason unstreamed and streamed, for a "Some text" answer: the test enqueues the
     * provider's JSON answer, then its stream (the fake answers in order).
     */
    protected void assertFinishReasonUnstreamedAndStreamed(String model, String finishReason) {
        ChatCompletion completion = client.chat().completions().create(ask(model, "Hi").build());
        assertThat(completion.choices().getFirst().finishReason().asString()).isEqualTo(finishReason);

        List<ChatCompletionChunk> chunks = streamed(client, ask(model, "Hi").build());
        assertThat(streamedFinishReasons(chunks)).containsExactly(finishReason);
        assertThat(streamedText(chunks)).isEqualTo("Some text");
    }

    /** A raw stream without include_usage: no chunk has usage, and only the finish chunk carries _ram. */
    protected void assertRamOnlyOnTheFinishChunk(String model, String provider, String costCents) {
        HttpResponse<String> response = chat(tenant.key(),
                "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");

        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<String> data = SseLines.data(response.body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(d -> readJson(d)).toList();
        assertThat(chunks).allSatisfy(c -> assertThat(c.has("usage")).as("no usage asked for").isFalse());
        JsonNode finish = chunks.getLast();
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(finish.at("/_ram/provider_used").asText()).isEqualTo(provider);
        assertThat(finish.at("/_ram/cost_billed_cents_usd").decimalValue()).isEqualByComparingTo(costCents);
        assertThat(chunks.subList(0, chunks.size() - 1)).noneMatch(c -> c.has("_ram"));
    }

    /** The provider's mid-stream error (an overload after "Hel") reaches the SDK as an exception while iterating. */
    protected void assertOverloadSurfacesWhileIterating(String model, String message) {
        List<ChatCompletionChunk> received = new ArrayList<>();

        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                .createStreaming(ask(model, "Hello").build())) {
            assertThatThrownBy(() -> stream.stream().forEach(received::add))
                    .isInstanceOfSatisfying(SseException.class, e -> {
                        assertThat(e.getMessage()).contains(message);
                        assertThat(e.code()).contains("overloaded");
                        assertThat(e.type()).contains("server_error");
                    });
        }
        assertThat(streamedText(received)).as("what came before the error still arrived").isEqualTo("Hel");
    }

    /** A raw stream that the provider broke off with an error: HTTP 200 (already sent), no DONE; its last event. */
    protected JsonNode lastEventOfAFailedStream(String model) {
        HttpResponse<String> response = chat(tenant.key(),
                "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = SseLines.data(response.body());
        assertThat(data).doesNotContain("[DONE]");
        return readJson(data.getLast());
    }

    /** A pinned model whose provider fails: 503 all_providers_failed, no failover, the provider's key never shown. */
    protected void assertPinnedFailureWithoutFailover(String model, int status, String provider, String providerKey,
                                                      FakeProvider pinned, FakeProvider other) {
        InternalServerException error = catchThrowableOfType(InternalServerException.class,
                () -> client.chat().completions().create(ask(model, "Hi").build()));

        assertThat(error.statusCode()).isEqualTo(503);
        assertThat(error.code()).contains("all_providers_failed");
        assertThat(error.type()).contains("server_error");
        assertThat(error.getMessage()).contains(provider).contains("HTTP " + status).doesNotContain(providerKey);
        assertThat(error.headers().values("retry-after")).isNotEmpty();
        assertThat(pinned.received()).as("the attempt and its one retry").hasSize(2);
        assertThat(OPENAI.received()).as("pinned: never another provider").isEmpty();
        assertThat(other.received()).isEmpty();
    }

    /** An unpinned model whose provider failed (and failed its retry) is answered by OpenAI, the next provider of the tier. */
    protected void assertFailedOverToOpenAi(String model, FakeProvider failed) {
        ChatCompletion completion = client.chat().completions().create(ask(model, "Hi").build());

        JsonNode ram = ram(completion._additionalProperties());
        assertThat(ram.get("provider_used").asText()).isEqualTo("openai");
        assertThat(ram.get("failover_count").asInt()).isEqualTo(1);
        assertThat(failed.received()).as("the attempt and its one retry").hasSize(2);
        assertThat(OPENAI.last().json().get("model").asText()).isEqualTo("gpt-4o-mini");
    }
}
