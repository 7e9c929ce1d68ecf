package app.router4ai.messages;

import static app.router4ai.provider.Golden.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.GeminiFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/messages} to providers that do not speak Anthropic's format: the request translated to the
 * canonical chat form (and from there to the provider's wire), the answer written back as an Anthropic
 * message or Anthropic's exact stream event sequence.
 */
class MessagesTranslationTest extends MessagesTestBase {

    /** A tool round trip as Claude Code sends its second turn, with what only Anthropic could use mixed in. */
    static final String TOOL_ROUND_TRIP = """
            {"model":"%s","max_tokens":32000,"stream":%s,
             "system":[{"type":"text","text":"You are a helpful agent.","cache_control":{"type":"ephemeral"}}],
             "messages":[
               {"role":"user","content":[{"type":"text","text":"What is in /tmp/a.png, and the weather in Paris?"},
                                         {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]},
               {"role":"assistant","content":[{"type":"thinking","thinking":"I should look.","signature":"c2ln"},
                                              {"type":"text","text":"Let me check."},
                                              {"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"city":"Paris"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":[{"type":"text","text":"18 C, sunny"}]},
                                         {"type":"text","text":"Thanks."}]},
               {"role":"system","content":"Answer in one sentence."}],
             "tools":[{"name":"get_weather","description":"Current weather","cache_control":{"type":"ephemeral"},
                       "input_schema":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                         "properties":{"city":{"type":"string","propertyNames":{"pattern":"^x"}},
                                       "days":{"type":"integer","exclusiveMinimum":0},
                                       "unit":{"anyOf":[{"const":"celsius"},{"const":"fahrenheit"}]}},
                         "required":["city"],"additionalProperties":false}}],
             "tool_choice":{"type":"any","disable_parallel_tool_use":true},
             "stop_sequences":["###"],"temperature":0.5,"top_k":40,
             "thinking":{"type":"enabled","budget_tokens":2048},"metadata":{"user_id":"u-1"}}""";

    @Test
    void openAiGetsTheCanonicalTranslationWithItsOutputLimit() {
        HttpResponse<String> response = messages(TOOL_ROUND_TRIP.formatted("openai:gpt-4o-mini", false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertJson(readJson("""
                {"model":"gpt-4o-mini",
                 "messages":[
                   {"role":"system","content":"You are a helpful agent."},
                   {"role":"user","content":[{"type":"text","text":"What is in /tmp/a.png, and the weather in Paris?"},
                                             {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]},
                   {"role":"assistant","content":"Let me check.",
                    "tool_calls":[{"id":"toolu_01A","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                   {"role":"tool","tool_call_id":"toolu_01A","content":"18 C, sunny"},
                   {"role":"user","content":"Thanks."},
                   {"role":"system","content":"Answer in one sentence."}],
                 "max_tokens":16384,"temperature":0.5,"stop":["###"],"stream":false,
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",
                   "parameters":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                     "properties":{"city":{"type":"string","propertyNames":{"pattern":"^x"}},
                                   "days":{"type":"integer","exclusiveMinimum":0},
                                   "unit":{"anyOf":[{"const":"celsius"},{"const":"fahrenheit"}]}},
                     "required":["city"],"additionalProperties":false}}}],
                 "tool_choice":"required","parallel_tool_calls":false}"""), OPENAI.last().json());
        assertThat(OPENAI.last().headers()).containsEntry("authorization", "Bearer " + OPENAI_KEY).doesNotContainKey("anthropic-beta");
    }

    @Test
    void anOpenAiToolCallComesBackAsAToolUseBlock() {
        OPENAI.enqueue(FakeResponse.json(200, """
                {"id":"chatcmpl-tool1","object":"chat.completion","created":1732000000,"model":"gpt-4o-mini-2024-07-18",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
                   "tool_calls":[{"id":"call_9","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
                   "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":120,"completion_tokens":15,"total_tokens":135,
                          "prompt_tokens_details":{"cached_tokens":100},"completion_tokens_details":{"reasoning_tokens":0}}}"""));

        HttpResponse<String> response = messages(TOOL_ROUND_TRIP.formatted("gpt-4o-mini", false));

        JsonNode message = readJson(response.body());
        JsonNode expected = readJson("""
                {"id":"msg_tool1","type":"message","role":"assistant","model":"gpt-4o-mini-2024-07-18",
                 "content":[{"type":"tool_use","id":"call_9","name":"get_weather","input":{"city":"Oslo"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":100,"output_tokens":15}}""");
        ((com.fasterxml.jackson.databind.node.ObjectNode) message).remove("_ram");
        assertJson(expected, message);
    }

    @Test
    void anOpenAiStreamBecomesAnthropicsEventSequence() {
        HttpResponse<String> response = messages("""
                {"model":"gpt-4o-mini","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"Hello"}]}""");

        List<Event> events = Event.parse(response.body());
        assertThat(events).extracting(Event::name).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(events.get(0).json().at("/message/role").asText()).isEqualTo("assistant");
        assertThat(events.get(1).json().at("/content_block/type").asText()).isEqualTo("text");
        assertThat(events.subList(3, 6)).extracting(e -> e.json().at("/delta/text").asText()).containsExactly("Hello", " there", "!");
        JsonNode delta = events.get(7).json();
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.at("/usage/input_tokens").asInt()).isEqualTo(14);
        assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(18);
        assertThat(delta.at("/usage/cache_read_input_tokens").asInt()).isZero();
        assertThat(delta.at("/_ram/provider_used").asText()).isEqualTo("openai");
        assertThat(OPENAI.last().json().at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void anOpenAiStreamedToolCallBecomesAToolUseBlockWithInputJsonDeltas() {
        String head = "{\"id\":\"chatcmpl-s2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",";
        OPENAI.enqueue(FakeResponse.sse(List.of(
                "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
                        + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}],\"usage\":null}\n\n",
                "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"finish_reason\":null}],\"usage\":null}\n\n",
                "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Rome\\\"}\"}}]},\"finish_reason\":null}],\"usage\":null}\n\n",
                "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}],\"usage\":null}\n\n",
                "data: " + head + "\"choices\":[],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":9,\"total_tokens\":59}}\n\n",
                "data: [DONE]\n\n")));

        HttpResponse<String> response = messages(TOOL_ROUND_TRIP.formatted("gpt-4o-mini", true));

        List<Event> events = Event.parse(response.body());
        assertThat(events).extracting(Event::name).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertJson(readJson("{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"get_weather\",\"input\":{}}"),
                events.get(1).json().get("content_block"));
        assertThat(events.subList(3, 5)).extracting(e -> e.json().at("/delta/type").asText() + ":" + e.json().at("/delta/partial_json").asText())
                .containsExactly("input_json_delta:{\"city\":", "input_json_delta:\"Rome\"}");
        assertThat(events.get(6).json().at("/delta/stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void geminiGetsSchemasItAcceptsAndItsAnswerComesBackAsAMessage() {
        GEMINI.enqueue(FakeResponse.json(200, GeminiFixtures.functionCallResponse("resp_g1", "gemini-1.5-pro-002", "get_weather",
                "{\"city\":\"Lima\"}", 300, 12)));

        HttpResponse<String> response = messages(TOOL_ROUND_TRIP.formatted("gemini:gemini-1.5-pro", false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode upstream = GEMINI.last().json();
        // Gemini 1.5 takes parameters only in its OpenAPI subset (parametersJsonSchema came with Gemini 2.5).
        assertJson(readJson("""
                {"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer","minimum":0},
                 "unit":{"anyOf":[{"enum":["celsius"]},{"enum":["fahrenheit"]}]}},"required":["city"]}"""),
                upstream.at("/tools/0/functionDeclarations/0/parameters"));
        assertThat(upstream.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(8192);
        assertThat(upstream.at("/systemInstruction/parts").toString()).contains("You are a helpful agent.").contains("Answer in one sentence.");
        assertThat(upstream.toString()).doesNotContain("I should look.").doesNotContain("cache_control");
        JsonNode message = readJson(response.body());
        assertThat(message.at("/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(message.at("/content/0/name").asText()).isEqualTo("get_weather");
        assertThat(message.at("/content/0/input/city").asText()).isEqualTo("Lima");
        assertThat(message.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.at("/usage/input_tokens").asInt()).isEqualTo(300);
    }

    @Test
    void aGeminiStreamCutByItsOutputLimitEndsWithStopReasonMaxTokens() {
        GEMINI.enqueue(FakeResponse.sseText(GeminiFixtures.textStream("resp_g2", "gemini-1.5-flash", List.of("Once", " upon"),
                "MAX_TOKENS", 8, 2)));

        HttpResponse<String> response = messages("""
                {"model":"gemini-1.5-flash","max_tokens":2,"stream":true,"messages":[{"role":"user","content":"Tell a story"}]}""");

        List<Event> events = Event.parse(response.body());
        assertThat(events.getFirst().name()).isEqualTo("message_start");
        assertThat(events.getLast().name()).isEqualTo("message_stop");
        JsonNode delta = events.get(events.size() - 2).json();
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(2);
        assertThat(GEMINI.last().json().at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(2);
    }

    @Test
    void aDatedAnthropicModelIdResolvesToItsCatalogModel() {
        HttpResponse<String> response = messages("""
                {"model":"claude-haiku-4-5-20251001","max_tokens":100,"messages":[{"role":"user","content":"Hi"}]}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ANTHROPIC.last().json().get("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(readJson(response.body()).at("/_ram/tier").asText()).isEqualTo("fast");
    }

    @Test
    void countTokensIsEstimatedForAModelAnthropicDoesNotServe() {
        HttpResponse<String> response = send("POST", "/v1/messages/count_tokens", "Bearer " + tenant.key(), """
                {"model":"openai:gpt-4o-mini","messages":[{"role":"user","content":"Hello there, how are you?"}]}""",
                "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-ram-token-count")).contains("estimate");
        // the messages as JSON are 55 characters: one token per four, rounded up
        assertThat(readJson(response.body()).get("input_tokens").asInt()).isEqualTo(14);
        assertThat(ANTHROPIC.received()).isEmpty();
        assertThat(OPENAI.received()).isEmpty();
    }

    @Test
    void modelsAreListedInAnthropicsShapeForAnAnthropicClient() {
        HttpResponse<String> response = send("GET", "/v1/models", null, null, "x-api-key", tenant.key(),
                "anthropic-version", "2023-06-01");

        JsonNode list = readJson(response.body());
        assertThat(list.get("has_more").asBoolean()).isFalse();
        assertThat(list.get("data")).hasSize(9);
        assertThat(list.at("/data/0/id").asText()).isEqualTo("claude-opus-4-7");   // newest first
        assertThat(list.at("/data/0/type").asText()).isEqualTo("model");
        assertThat(list.at("/data/0/created_at").asText()).isEqualTo("2026-04-12T13:20:00Z");
        assertThat(list.get("first_id").asText()).isEqualTo("claude-opus-4-7");
        HttpResponse<String> one = send("GET", "/v1/models/claude-haiku-4-5", "Bearer " + tenant.key(), null,
                "anthropic-version", "2023-06-01");
        assertThat(readJson(one.body()).get("display_name").asText()).isEqualTo("claude-haiku-4-5");
    }
}
