package app.router4ai.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.support.RouterTest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * LLMs think before they answer: a provider may say nothing for longer than the server's idle timeout
 * for keep-alive connections. That timeout must not cut a call in progress, streamed or not.
 */
class SilentProviderTest extends RouterTest {

    private static final String ASK = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Think\"}]}";
    private static final String ASK_STREAM = "{\"model\":\"gpt-4o-mini\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Think\"}]}";

    @DynamicPropertySource
    static void shortIdleTimeout(DynamicPropertyRegistry registry) {
        registry.add("server.jetty.connection-idle-timeout", () -> "500ms");
    }

    @Test
    void aProviderSilentForLongerThanTheIdleTimeoutStillGetsItsAnswerThrough() {
        String key = newTenantKey().key();
        OPENAI.enqueue(FakeResponse.json(200, OpenAiFixtures.completion("gpt-4o-mini", "Thought it over.", 14, 18))
                .delayed(1_500));
        HttpResponse<String> answer = chat(key, ASK);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(readJson(answer.body()).at("/choices/0/message/content").asText()).isEqualTo("Thought it over.");

        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("Slow", "ly"), 14, 18))
                .spaced(800));
        HttpResponse<String> stream = chat(key, ASK_STREAM);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).contains("Slow").contains("ly").contains("data: [DONE]").doesNotContain("\"error\"");
    }
}
