package app.router4ai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.FakeResponse;
import app.router4ai.support.NodeClients;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Claude's thinking through two real clients (src/test/node/reasoning-check.mjs): the openai npm package reads
 * {@code reasoning_content} plain and streamed and, sending the assistant message back as it got it, gives Claude
 * its signed thinking unchanged in the tool turn; the Vercel AI SDK on the Responses API shows it as a reasoning part.
 */
class ReasoningNodeClientsTest extends ProviderE2ETest {

    private static final String SIGNATURE = "EqQBCgIYAhIMnode-signature==";
    private static final String REDACTED = "EmwKAhgBredacted-by-anthropic";

    @Test
    void theOpenAiPackageAndTheVercelAiSdkSeeClaudesThinkingAndTheToolTurnKeepsIt() throws Exception {
        ANTHROPIC.enqueue(FakeResponse.json(200, AnthropicFixtures.thinkingToolUseMessage("msg_n1", "claude-haiku-4-5",
                "I need the weather.", SIGNATURE, REDACTED, "toolu_n1", "get_weather", "{\"city\":\"Paris\"}", 40, 60)));
        ANTHROPIC.enqueue(FakeResponse.json(200, AnthropicFixtures.textMessage("msg_n2", "claude-haiku-4-5", "18°C.", 90, 5)));
        ANTHROPIC.enqueue(FakeResponse.sseText(AnthropicFixtures.thinkingTextStream("msg_n3", "claude-haiku-4-5",
                List.of("Think", "ing."), SIGNATURE, REDACTED, List.of("Sunny", "."), 20, 30)));
        ANTHROPIC.enqueue(FakeResponse.json(200, AnthropicFixtures.thinkingTextMessage("msg_n4", "claude-sonnet-4-6",
                "A greeting deserves one back.", SIGNATURE, "Hello!", 10, 20)));

        NodeClients.install("openai npm package and Vercel AI SDK");
        NodeClients.Result run = NodeClients.run(NodeClients.DIR, 180, Map.of(), NodeClients.node(), "reasoning-check.mjs",
                baseUrl() + "/v1", tenant.key(), "anthropic:claude-haiku-4-5", "anthropic:claude-sonnet-4-6");
        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode seen = run.lastJson();

        assertThat(seen.path("firstReasoning").asText()).isEqualTo("I need the weather.");
        assertThat(seen.path("secondContent").asText()).isEqualTo("18°C.");
        JsonNode replayed = ANTHROPIC.received().get(1).json().at("/messages/1/content");
        assertThat(replayed).as("the tool turn's thinking as Claude wrote it").isEqualTo(readJson(
                AnthropicFixtures.thinkingToolUseMessage("x", "m", "I need the weather.", SIGNATURE, REDACTED, "toolu_n1",
                        "get_weather", "{\"city\":\"Paris\"}", 0, 0)).get("content"));
        assertThat(seen.path("streamedReasoning").asText()).isEqualTo("Thinking.");
        assertThat(seen.path("streamedContent").asText()).isEqualTo("Sunny.");

        JsonNode vercel = seen.get("vercel");
        assertThat(vercel.path("reasoningText").asText()).as(vercel.toString()).isEqualTo("A greeting deserves one back.");
        assertThat(vercel.path("text").asText()).isEqualTo("Hello!");
        assertThat(vercel.get("content").get(0).path("type").asText()).isEqualTo("reasoning");
        assertThat(ANTHROPIC.last().json().at("/output_config/effort").asText()).isEqualTo("high");
    }
}
