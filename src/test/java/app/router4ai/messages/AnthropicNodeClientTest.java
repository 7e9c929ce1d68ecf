package app.router4ai.messages;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.billing.TrialBalance;
import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.support.NodeClients;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The official Anthropic TypeScript SDK ({@code @anthropic-ai/sdk}) against the router, unchanged
 * (src/test/node/anthropic-check.mjs): create and stream to Anthropic, OpenAI and Gemini (text, usage, stop
 * reasons, {@code _ram}), a tool round trip, an image, count_tokens, the model list, and the SDK's error class
 * for each error. Needs node and npm, like {@code OpenAiNodeClientTest}.
 */
class AnthropicNodeClientTest extends MessagesTestBase {

    @Autowired
    TrialBalance balance;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theAnthropicSdkWorksUnchanged() throws Exception {
        NodeClients.install("Anthropic SDK");
        ANTHROPIC.answerWith(AnthropicNodeClientTest::anthropicWithTools);
        OPENAI.answerWith(AnthropicNodeClientTest::openAiWithTools);
        TenantKey limited = newTenantKey();
        admin("PATCH", "/admin/v1/tenants/" + limited.tenantId(), "{\"rate_limit_rps\":1,\"rate_limit_burst\":1}", 200);
        TenantKey exhausted = newTenantKey();
        balance.of(exhausted.tenantId());
        jdbc.update("UPDATE tenant_billing SET trial_tokens = 0 WHERE tenant_id = ?", exhausted.tenantId());
        balance.refresh(exhausted.tenantId());

        NodeClients.Result check = NodeClients.run(NodeClients.DIR, 180, Map.of(), "node", "anthropic-check.mjs",
                baseUrl(), tenant.key(), limited.key(), exhausted.key());
        assertThat(check.exitCode()).as(check.output()).isZero();
        JsonNode seen = check.lastJson();

        assertTextAndStream(seen.get("claude-sonnet-4-6"), ANTHROPIC_TEXT, "anthropic", 12, 6);
        assertTextAndStream(seen.get("gpt-4o-mini"), "Hello there!", "openai", 14, 18);
        assertTextAndStream(seen.get("gemini-1.5-flash"), GEMINI_TEXT, "gemini", 10, 5);
        // the SDK yields every event but ping (MessagesTranslationTest checks that one)
        assertThat(seen.at("/gpt-4o-mini/events").toString()).isEqualTo(
                "[\"message_start\",\"content_block_start\",\"content_block_delta\",\"content_block_stop\",\"message_delta\",\"message_stop\"]");

        for (String model : List.of("claude-sonnet-4-6", "gpt-4o-mini")) {
            JsonNode tools = seen.get("tools-" + model);
            assertThat(tools.get("stopReason").asText()).as(model).isEqualTo("tool_use");
            assertThat(tools.at("/call/name").asText()).isEqualTo("get_weather");
            assertThat(tools.at("/call/input/city").asText()).isEqualTo("Paris");
            assertThat(tools.get("answer").asText()).as(model).isEqualTo("In Paris: 18 C and sunny");
            assertThat(tools.get("answerStopReason").asText()).isEqualTo("end_turn");
        }
        JsonNode openAiToolTurn = OPENAI.received().stream().map(FakeProvider.Received::json)
                .filter(body -> body.toString().contains("\"role\":\"tool\"")).findFirst().orElseThrow();
        assertThat(openAiToolTurn.at("/messages/2/tool_call_id").asText()).isEqualTo("call_weather1");

        assertThat(seen.get("image").asText()).isEqualTo("Hello there!");
        assertThat(OPENAI.received().stream().map(r -> r.json().toString()))
                .anyMatch(body -> body.contains("\"url\":\"data:image/png;base64,iVBORw0KGgo"));
        assertThat(seen.get("countExact").asInt()).isEqualTo(ANTHROPIC_COUNTED_TOKENS);
        assertThat(seen.get("countEstimate").asInt()).isEqualTo(9);   // [{"role":"user","content":"Hello"}]: 35 characters, 4 a token
        assertThat(seen.get("models")).hasSize(9);

        assertSdkError(seen.get("unauthorized"), "AuthenticationError", 401, "authentication_error");
        assertSdkError(seen.get("badRequest"), "BadRequestError", 400, "invalid_request_error");
        assertSdkError(seen.get("notFound"), "NotFoundError", 404, "not_found_error");
        assertSdkError(seen.get("overloaded"), "OverloadedError", 529, "overloaded_error");
        assertSdkError(seen.get("rateLimited"), "RateLimitError", 429, "rate_limit_error");
        assertThat(seen.at("/rateLimited/retryAfter").asText()).isNotBlank();
        assertSdkError(seen.get("exhausted"), "PaymentRequiredError", 402, "billing_error");
        assertThat(seen.at("/exhausted/message").asText()).startsWith("Trial exhausted — upgrade at /billing");
    }

    private static void assertTextAndStream(JsonNode seen, String text, String provider, int input, int output) {
        assertThat(seen.get("text").asText()).as(provider).isEqualTo(text);
        assertThat(seen.get("streamText").asText()).as(provider).isEqualTo(text);
        assertThat(seen.get("stopReason").asText()).isEqualTo("end_turn");
        assertThat(seen.get("streamStopReason").asText()).isEqualTo("end_turn");
        for (String usage : List.of("usage", "streamUsage")) {
            assertThat(seen.at("/" + usage + "/input_tokens").asInt()).as(provider + " " + usage).isEqualTo(input);
            assertThat(seen.at("/" + usage + "/output_tokens").asInt()).as(provider + " " + usage).isEqualTo(output);
        }
        assertThat(seen.at("/ram/provider_used").asText()).isEqualTo(provider);
        assertThat(seen.at("/streamRam/provider_used").asText()).isEqualTo(provider);
        assertThat(seen.at("/streamRam/cost_billed_cents_usd").decimalValue()).isPositive();
    }

    private static void assertSdkError(JsonNode error, String sdkClass, int status, String type) {
        assertThat(error.get("class").asText()).as(error.toString()).isEqualTo(sdkClass);
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("type").asText()).isEqualTo(type);
    }

    /** Anthropic that calls get_weather when offered it, answers from its result, and is overloaded for Opus. */
    static FakeResponse anthropicWithTools(FakeProvider.Received request) {
        JsonNode body = request.json();
        String model = body.path("model").asText();
        if (model.equals("claude-opus-4-7")) {
            return FakeResponse.json(529, AnthropicFixtures.errorBody("overloaded_error", "Overloaded"));
        }
        String result = toolResult(body.path("messages"));
        if (result != null) {
            return FakeResponse.json(200, AnthropicFixtures.textMessage("msg_fake02", model, "In Paris: " + result, 40, 8));
        }
        if (body.has("tools")) {
            return FakeResponse.json(200, AnthropicFixtures.toolUseMessage("msg_fake03", model, "toolu_weather1", "get_weather",
                    "{\"city\":\"Paris\"}", 30, 9));
        }
        return anthropicAnswer(request);
    }

    /** OpenAI likewise: a get_weather call when offered tools, then an answer from the tool message. */
    static FakeResponse openAiWithTools(FakeProvider.Received request) {
        JsonNode body = request.json();
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals("tool")) {
                return FakeResponse.json(200, app.router4ai.fake.OpenAiFixtures.completion("gpt-4o-mini",
                        "In Paris: " + message.path("content").asText(), 40, 8));
            }
        }
        if (body.has("tools")) {
            return FakeResponse.json(200, """
                    {"id":"chatcmpl-t1","object":"chat.completion","created":1732000000,"model":"gpt-4o-mini",
                     "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
                       "tool_calls":[{"id":"call_weather1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                       "logprobs":null,"finish_reason":"tool_calls"}],
                     "usage":{"prompt_tokens":30,"completion_tokens":9,"total_tokens":39}}""");
        }
        return defaultAnswer(request);
    }

    /** The text of the last user turn's tool_result, or null. */
    static String toolResult(JsonNode messages) {
        JsonNode last = messages.path(messages.size() - 1);
        for (JsonNode block : last.path("content")) {
            if (block.path("type").asText().equals("tool_result")) {
                JsonNode content = block.path("content");
                return content.isTextual() ? content.asText() : content.path(0).path("text").asText();
            }
        }
        return null;
    }
}
