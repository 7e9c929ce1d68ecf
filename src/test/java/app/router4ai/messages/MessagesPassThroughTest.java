package app.router4ai.messages;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.FakeResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code /v1/messages} to an Anthropic upstream: the client's body reaches Anthropic byte for byte but for the
 * model id (system blocks with cache_control, thinking, metadata, tools with cache_control, documents, images),
 * with the client's anthropic-version and anthropic-beta and our key; the answer comes back as Anthropic wrote
 * it, plus {@code _ram}; cache reads and writes are billed at their own prices.
 */
class MessagesPassThroughTest extends MessagesTestBase {

    /** What Claude Code sends, shortened: odd spacing and key order on purpose (the bytes must survive). */
    static final String CLAUDE_CODE_BODY = """
            {"model":  "claude-sonnet-4-6-20260217", "max_tokens": 32000,
             "system": [{"type": "text", "text": "You are Claude Code.", "cache_control": {"type": "ephemeral"}}],
             "messages": [{"role": "user", "content": [
                 {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0xLjQK"}},
                 {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                 {"type": "text", "text": "What is in these?", "cache_control": {"type": "ephemeral", "ttl": "1h"}}]}],
             "thinking": {"type": "adaptive"}, "output_config": {"effort": "high"},
             "context_management": {"edits": [{"type": "clear_thinking_20251015", "keep": "all"}]},
             "metadata": {"user_id": "{\\"device_id\\":\\"abc\\",\\"session_id\\":\\"s1\\"}"},
             "tools": [{"name": "Read", "description": "Read a file", "input_schema": {"$schema": "http://json-schema.org/draft-07/schema#",
                 "type": "object", "properties": {"file_path": {"type": "string"}}, "required": ["file_path"],
                 "additionalProperties": false}, "cache_control": {"type": "ephemeral"}}],
             "temperature": 1.0e0, "stream": false}""";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anthropicReceivesTheClientsBytesWithOnlyTheModelIdChanged() {
        HttpResponse<String> response = messages(CLAUDE_CODE_BODY, "anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String expected = CLAUDE_CODE_BODY.replace("\"claude-sonnet-4-6-20260217\"", "\"claude-sonnet-4-6\"");
        assertThat(new String(ANTHROPIC.last().body(), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(ANTHROPIC.last().path()).isEqualTo("/v1/messages");
        assertThat(ANTHROPIC.last().headers())
                .containsEntry("x-api-key", ANTHROPIC_KEY)
                .containsEntry("anthropic-version", "2023-06-01")
                .containsEntry("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14")
                .doesNotContainKey("authorization");
        assertThat(ANTHROPIC.last().headers().toString()).doesNotContain(tenant.key());
        assertThat(OPENAI.received()).isEmpty();
    }

    @Test
    void theAnswerComesBackAsAnthropicWroteItWithRamAsItsLastField() {
        String answer = "{\"id\":\"msg_01pass\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-6\","
                + "\"content\":[{\"type\":\"thinking\",\"thinking\":\"Let me see.\",\"signature\":\"sig==\"},"
                + "{\"type\":\"text\",\"text\":\"A PDF and a PNG.\",\"citations\":null}],"
                + "\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"###\",\"container\":null,"
                + "\"usage\":{\"input_tokens\":10,\"cache_creation_input_tokens\":1000,\"cache_read_input_tokens\":2000,"
                + "\"output_tokens\":50,\"service_tier\":\"standard\"}}";
        ANTHROPIC.enqueue(FakeResponse.json(200, answer));

        HttpResponse<String> response = messages(CLAUDE_CODE_BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith(answer.substring(0, answer.length() - 1) + ",\"_ram\":{");
        JsonNode message = readJson(response.body());
        JsonNode ram = message.get("_ram");
        assertThat(ram.get("provider_used").asText()).isEqualTo("anthropic");
        assertThat(ram.get("request_id").asText()).isEqualTo(response.headers().firstValue("x-request-id").orElseThrow());
        // claude-sonnet-4-6: 10 × $3 + 1000 × $3.75 (cache write) + 2000 × $0.30 (cache read) + 50 × $15, per million
        // = $0.00513 = 0.513 cents
        assertThat(ram.get("cost_billed_cents_usd").decimalValue()).isEqualByComparingTo("0.513");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT prompt_tokens, cached_tokens, cache_write_tokens, completion_tokens FROM usage_records"
                        + " WHERE request_id = ?", ram.get("request_id").asText()))
                .singleElement().satisfies(row -> assertThat(row)
                        .containsEntry("PROMPT_TOKENS", 3010L).containsEntry("CACHED_TOKENS", 2000L)
                        .containsEntry("CACHE_WRITE_TOKENS", 1000L).containsEntry("COMPLETION_TOKENS", 50L)));
    }

    @Test
    void aStreamIsForwardedEventByEventWithRamInTheMessageDelta() {
        ANTHROPIC.enqueue(FakeResponse.sseText(AnthropicFixtures.textStream("msg_stream1", "claude-sonnet-4-6",
                List.of("Hel", "lo"), "end_turn", 25, 7)));

        HttpResponse<String> response = messages(CLAUDE_CODE_BODY.replace("\"stream\": false", "\"stream\": true"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<Event> events = Event.parse(response.body());
        List<Event> upstream = Event.parse(AnthropicFixtures.textStream("msg_stream1", "claude-sonnet-4-6",
                List.of("Hel", "lo"), "end_turn", 25, 7));
        assertThat(events).extracting(Event::name).isEqualTo(upstream.stream().map(Event::name).toList());
        for (int i = 0; i < events.size(); i++) {
            if (!events.get(i).name().equals("message_delta")) {
                assertThat(events.get(i).data()).isEqualTo(upstream.get(i).data());
            }
        }
        JsonNode delta = events.stream().filter(e -> e.name().equals("message_delta")).findFirst().orElseThrow().json();
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(7);
        // 25 × $3 + 7 × $15 per million = 0.018 cents
        assertThat(delta.at("/_ram/cost_billed_cents_usd").decimalValue()).isEqualByComparingTo("0.018");
        assertThat(delta.at("/_ram/request_id").asText()).isEqualTo(response.headers().firstValue("x-request-id").orElseThrow());
    }

    @Test
    void aFinishedStreamWhoseBodyEndsWithoutMessageStopIsWhole() {
        String stream = AnthropicFixtures.textStream("msg_nostop", "claude-sonnet-4-6", List.of("Hel", "lo"), "end_turn", 25, 7);
        ANTHROPIC.enqueue(FakeResponse.sseText(stream.substring(0, stream.lastIndexOf("event: message_stop"))));

        HttpResponse<String> response = messages(CLAUDE_CODE_BODY.replace("\"stream\": false", "\"stream\": true"));

        List<Event> events = Event.parse(response.body());
        assertThat(events).extracting(Event::name).endsWith("message_delta", "message_stop").doesNotContain("error");
        assertThat(events.get(events.size() - 2).json().at("/_ram/cost_billed_cents_usd").decimalValue()).isEqualByComparingTo("0.018");
    }

    @Test
    void aStreamThatIsCutBecomesAnAnthropicErrorEvent() {
        ANTHROPIC.enqueue(FakeResponse.sseText(AnthropicFixtures.cutTextStream("msg_cut", "claude-sonnet-4-6", "Hel", 25)).cutAfter(3));

        HttpResponse<String> response = messages(CLAUDE_CODE_BODY.replace("\"stream\": false", "\"stream\": true"));

        List<Event> events = Event.parse(response.body());
        assertThat(events).extracting(Event::name).containsExactly("message_start", "content_block_start", "content_block_delta", "error");
        assertThat(events.getLast().json().at("/error/type").asText()).isEqualTo("api_error");
    }

    @Test
    void anOverloadedAnthropicFailsOverToTheNextCandidateTranslated() {
        ANTHROPIC.enqueue(FakeResponse.json(529, AnthropicFixtures.errorBody("overloaded_error", "Overloaded")));
        ANTHROPIC.enqueue(FakeResponse.json(529, AnthropicFixtures.errorBody("overloaded_error", "Overloaded")));   // and its retry

        HttpResponse<String> response = messages("""
                {"model":"claude-sonnet-4-6","max_tokens":100,"messages":[{"role":"user","content":"Hi"}]}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode message = readJson(response.body());
        assertThat(message.at("/_ram/provider_used").asText()).isEqualTo("openai");
        assertThat(message.at("/_ram/failover_count").asInt()).isEqualTo(1);
        assertThat(message.at("/content/0/text").asText()).isEqualTo("Hello there!");
        assertThat(message.get("type").asText()).isEqualTo("message");
    }

    @Test
    void anthropicsRefusalReachesTheClientUnchanged() {
        String refusal = AnthropicFixtures.errorBody("invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum");
        ANTHROPIC.enqueue(FakeResponse.json(400, refusal));

        HttpResponse<String> response = messages(CLAUDE_CODE_BODY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(refusal);
        assertThat(OPENAI.received()).isEmpty();
    }

    @Test
    void countTokensIsAnthropicsOwnCount() {
        HttpResponse<String> response = send("POST", "/v1/messages/count_tokens", null, """
                {"model":"claude-sonnet-4-6","system":"Be brief.","messages":[{"role":"user","content":"Hello"}]}""",
                "x-api-key", tenant.key(), "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(readJson(response.body()).get("input_tokens").asInt()).isEqualTo(ANTHROPIC_COUNTED_TOKENS);
        assertThat(response.headers().firstValue("x-ram-token-count")).contains("exact");
        assertThat(ANTHROPIC.last().path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(ANTHROPIC.last().json().get("model").asText()).isEqualTo("claude-sonnet-4-6");
    }
}
