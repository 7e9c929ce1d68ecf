package app.router4ai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.chat.SseLines;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.GeminiFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Gemini models that think, from a catalog that lists them (reasoning-models.yaml): the effort reaches Gemini as
 * thinkingConfig (a budget for 2.5, a level for 3), and its thought summaries come back as {@code reasoning_content},
 * plain and streamed, with the thought tokens as reasoning_tokens billed as output.
 */
class GeminiThinkingE2ETest extends ProviderE2ETest {

    @DynamicPropertySource
    static void thinkingCatalog(DynamicPropertyRegistry registry) {
        registry.add("router.catalog.location", () -> "classpath:reasoning-models.yaml");
    }

    @Test
    void geminiTwoFiveThinksWithABudgetAndItsThoughtsComeBack() {
        GEMINI.enqueue(FakeResponse.json(200, GeminiFixtures.thoughtTextResponse("resp_t1", "gemini-2.5-flash",
                "**Adding** Two and two.", "4", 10, 2, 30)));

        JsonNode answer = readJson(chat(tenant.key(), "{\"model\":\"gemini-2.5-flash\",\"reasoning_effort\":\"high\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"}]}").body());

        assertThat(GEMINI.last().json().at("/generationConfig/thinkingConfig")).isEqualTo(readJson(
                "{\"thinkingBudget\":24576,\"includeThoughts\":true}"));
        assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("4");
        assertThat(answer.at("/choices/0/message/reasoning_content").asText()).isEqualTo("**Adding** Two and two.");
        assertThat(answer.at("/choices/0/message/reasoning").asText()).isEqualTo("**Adding** Two and two.");
        assertThat(answer.at("/usage/completion_tokens").asInt()).isEqualTo(32);
        assertThat(answer.at("/usage/completion_tokens_details/reasoning_tokens").asInt()).isEqualTo(30);
        // 10 × $0.30 + (2 + 30 thought) × $2.50 per million = $0.000083 = 0.0083 cents.
        assertThat(answer.at("/_ram/cost_billed_cents_usd").decimalValue()).isEqualByComparingTo("0.0083");
    }

    @Test
    void geminiThreeGetsALevelAndStreamsItsThoughtsBeforeTheText() {
        GEMINI.enqueue(FakeResponse.sseText(GeminiFixtures.thoughtTextStream("resp_t2", "gemini-3-pro-preview",
                "**Greeting**", List.of("Hel", "lo"), 5, 2)));

        List<String> data = SseLines.data(chat(tenant.key(), "{\"model\":\"gemini-3-pro-preview\",\"stream\":true,"
                + "\"reasoning\":{\"effort\":\"medium\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").body());

        assertThat(GEMINI.last().json().at("/generationConfig/thinkingConfig")).isEqualTo(readJson(
                "{\"thinkingLevel\":\"high\",\"includeThoughts\":true}"));
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(GeminiThinkingE2ETest::readJson).toList();
        assertThat(chunks.getFirst().at("/choices/0/delta/reasoning_content").asText()).isEqualTo("**Greeting**");
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
        assertThat(text).hasToString("Hello");
        assertThat(data.getLast()).isEqualTo("[DONE]");
    }
}
