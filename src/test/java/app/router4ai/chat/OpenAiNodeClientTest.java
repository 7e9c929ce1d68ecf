package app.router4ai.chat;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.NodeClients;
import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official {@code openai} npm package against the router, unchanged: a completion with {@code _ram},
 * a stream with usage, the error classes, the model list (src/test/node/client-check.mjs). Needs node and
 * npm; skipped with a message without them unless {@code ROUTER_REQUIRE_NODE=true} (CI).
 */
class OpenAiNodeClientTest extends RouterTest {

    @Test
    void theOfficialNodeClientWorksUnchanged() throws Exception {
        NodeClients.install("openai npm client");
        TenantKey tenant = newTenantKey();
        NodeClients.Result check = NodeClients.run(NodeClients.DIR, 120, Map.of(), "node", "client-check.mjs",
                baseUrl() + "/v1", tenant.key());
        assertThat(check.exitCode()).as(check.output()).isZero();
        JsonNode seen = check.lastJson();

        assertThat(seen.get("content").asText()).isEqualTo("Hello there!");
        assertThat(seen.at("/ram/provider_used").asText()).isEqualTo("openai");
        assertThat(seen.get("streamText").asText()).isEqualTo("Hello there!");
        assertThat(seen.at("/streamUsage/total_tokens").asInt()).isEqualTo(32);
        assertThat(seen.at("/streamRam/request_id").asText()).isNotBlank();
        assertThat(seen.at("/unauthorized/class").asText()).isEqualTo("AuthenticationError");
        assertThat(seen.at("/unauthorized/status").asInt()).isEqualTo(401);
        assertThat(seen.at("/notFound/class").asText()).isEqualTo("NotFoundError");
        assertThat(seen.at("/notFound/code").asText()).isEqualTo("model_not_found");
        assertThat(seen.get("models")).extracting(JsonNode::asText)
                .contains("gpt-4o-mini", "claude-sonnet-4-6", "gemini-1.5-pro", "text-embedding-3-small");
    }
}
