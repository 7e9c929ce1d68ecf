package app.router4ai.messages;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.billing.TrialBalance;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every error on {@code /v1/messages} is Anthropic's {@code {"type":"error","error":{"type","message"}}} with
 * Anthropic's status, so Anthropic's SDKs raise the right class and Claude Code retries what it should.
 */
class MessagesErrorsTest extends MessagesTestBase {

    static final String HELLO = """
            {"model":"%s","max_tokens":100,"messages":[{"role":"user","content":"Hi"}]}""";

    @Autowired
    TrialBalance balance;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aWrongKeyIs401AuthenticationError() {
        HttpResponse<String> response = send("POST", "/v1/messages", null, HELLO.formatted("claude-haiku-4-5"),
                "x-api-key", "ram_live_wrong_key_123456789", "anthropic-version", "2023-06-01");

        assertError(response, 401, "authentication_error");
        assertThat(ANTHROPIC.received()).isEmpty();
    }

    @Test
    void aWrongKeyOnAnyPathUnderMessagesIs401AndARightKeyLearnsThePathIsNotServed() {
        HttpResponse<String> wrongKey = send("POST", "/v1/messages/batches", null, "{\"requests\":[]}",
                "x-api-key", "ram_live_wrong_key_123456789", "anthropic-version", "2023-06-01");
        assertError(wrongKey, 401, "authentication_error");

        HttpResponse<String> rightKey = send("GET", "/v1/messages/batches/msgbatch_1", null, null,
                "x-api-key", tenant.key(), "anthropic-version", "2023-06-01");
        assertError(rightKey, 404, "not_found_error");
    }

    @Test
    void aMissingMaxTokensIs400InvalidRequestError() {
        HttpResponse<String> response = messages("{\"model\":\"claude-haiku-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        JsonNode error = assertError(response, 400, "invalid_request_error");
        assertThat(error.at("/error/message").asText()).isEqualTo("max_tokens: Field required");
    }

    @Test
    void contentAfterTheJsonObjectOrANumberNoDoubleHoldsIs400WithNoProviderCall() {
        assertError(messages(HELLO.formatted("claude-haiku-4-5") + " garbage"), 400, "invalid_request_error");
        assertError(messages(HELLO.formatted("claude-haiku-4-5").replace("\"max_tokens\":100", "\"max_tokens\":100,\"temperature\":1e999")),
                400, "invalid_request_error");
        assertThat(ANTHROPIC.received()).isEmpty();
    }

    @Test
    void anUnknownModelIs404NotFoundError() {
        assertError(messages(HELLO.formatted("claude-nonexistent-9")), 404, "not_found_error");
    }

    @Test
    void everyProviderFailingIs529OverloadedErrorWithRetryAfter() {
        OPENAI.enqueue(FakeResponse.json(500, OpenAiFixtures.error("boom", "server_error", null, null)));
        OPENAI.enqueue(FakeResponse.json(500, OpenAiFixtures.error("boom", "server_error", null, null)));   // and its retry

        HttpResponse<String> response = messages(HELLO.formatted("openai:gpt-4o-mini"));

        assertError(response, 529, "overloaded_error");
        assertThat(response.headers().firstValue("retry-after")).isPresent();
    }

    @Test
    void aTranslatedProvidersRefusalIsAnAnthropicErrorWithItsMessage() {
        OPENAI.enqueue(FakeResponse.json(400, OpenAiFixtures.error("This model's maximum context length is 128000 tokens.",
                "invalid_request_error", "messages", "context_length_exceeded")));

        HttpResponse<String> response = messages(HELLO.formatted("openai:gpt-4o-mini"));

        JsonNode error = assertError(response, 400, "invalid_request_error");
        assertThat(error.at("/error/message").asText()).isEqualTo("This model's maximum context length is 128000 tokens.");
    }

    @Test
    void overTheRateLimitIs429RateLimitErrorWithRetryAfter() {
        admin("PATCH", "/admin/v1/tenants/" + tenant.tenantId(), "{\"rate_limit_rps\":1,\"rate_limit_burst\":1}", 200);

        assertThat(messages(HELLO.formatted("claude-haiku-4-5")).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = messages(HELLO.formatted("claude-haiku-4-5"));

        assertError(limited, 429, "rate_limit_error");
        assertThat(limited.headers().firstValue("retry-after")).isPresent();
    }

    @Test
    void anExhaustedTrialIs402BillingErrorWithTheTrialWording() {
        balance.of(tenant.tenantId());
        jdbc.update("UPDATE tenant_billing SET trial_tokens = 0 WHERE tenant_id = ?", tenant.tenantId());
        balance.refresh(tenant.tenantId());

        JsonNode error = assertError(messages(HELLO.formatted("claude-haiku-4-5")), 402, "billing_error");
        assertThat(error.at("/error/message").asText()).startsWith("Trial exhausted — upgrade at /billing");
        assertThat(ANTHROPIC.received()).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIs413RequestTooLarge() {
        String huge = HELLO.formatted("claude-haiku-4-5").replace("Hi", "x".repeat(5 << 20));

        assertError(messages(huge), 413, "request_too_large");
    }

    private static JsonNode assertError(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = readJson(response.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo(type);
        assertThat(body.at("/error/message").asText()).isNotBlank();
        return body;
    }
}
