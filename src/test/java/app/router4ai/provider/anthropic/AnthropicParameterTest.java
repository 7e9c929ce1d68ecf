package app.router4ai.provider.anthropic;

import static app.router4ai.provider.Golden.JSON;
import static app.router4ai.provider.Golden.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.router4ai.provider.UnsupportedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Defaults Anthropic needs and the OpenAI parameters it cannot express. */
class AnthropicParameterTest {

    private final AnthropicRequestMapper mapper = new AnthropicRequestMapper(JSON);

    private static ObjectNode request(String extra) {
        return (ObjectNode) parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "claude-3-haiku-20240307, 4096",
            "claude-3-opus-20240229, 4096",
            "claude-3-5-haiku-20241022, 8192",
            "claude-3-7-sonnet-20250219, 8192",
            "claude-sonnet-4-5-20250929, 8192",
            "claude-opus-4-1-20250805, 8192",
            "claude-haiku-4-5, 8192",
            "some-future-model, 4096"})
    void defaultsMaxTokensPerModel(String model, int expected) {
        assertThat(mapper.map(request(""), model, false).path("max_tokens").asInt()).isEqualTo(expected);
    }

    @Test
    void maxCompletionTokensWinsOverMaxTokens() {
        ObjectNode body = mapper.map(request(",\"max_tokens\":10,\"max_completion_tokens\":20"), "claude-sonnet-4-5", false);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(20);
    }

    @Test
    void rejectsSeveralChoices() {
        assertThatThrownBy(() -> mapper.map(request(",\"n\":2"), "claude-sonnet-4-5", false))
                .isInstanceOfSatisfying(UnsupportedRequest.class, e -> {
                    assertThat(e.param()).isEqualTo("n");
                    assertThat(e.getMessage()).contains("n > 1");
                });
    }

    @Test
    void acceptsOneChoice() {
        assertThat(mapper.map(request(",\"n\":1"), "claude-sonnet-4-5", false).has("n")).isFalse();
    }

    @Test
    void jsonSchemaBecomesAForcedTool() {
        String format = ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"type\":\"object\"}}}";
        ObjectNode body = mapper.map(request(format), "claude-sonnet-4-5", false);
        assertThat(body.get("tools")).isEqualTo(parse("""
                [{"name":"json_response","description":"Answer with JSON that follows this schema.","input_schema":{"type":"object"}}]"""));
        assertThat(body.get("tool_choice")).isEqualTo(parse("{\"type\":\"tool\",\"name\":\"json_response\"}"));
    }

    @Test
    void jsonSchemaBesideTheClientsToolsMakesClaudeCallOneOfThem() {
        String extra = ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"type\":\"object\"}}}"
                + ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}],\"parallel_tool_calls\":false";
        ObjectNode body = mapper.map(request(extra), "claude-sonnet-4-5", false);
        assertThat(body.get("tools")).extracting(t -> t.get("name").asText()).containsExactly("lookup", "json_response");
        assertThat(body.get("tool_choice")).isEqualTo(parse("{\"type\":\"any\",\"disable_parallel_tool_use\":true}"));
    }

    @Test
    void rejectsAJsonSchemaWhoseRootIsNoObject() {
        String format = ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"type\":\"array\"}}}";
        assertThatThrownBy(() -> mapper.map(request(format), "claude-sonnet-4-5", false))
                .isInstanceOfSatisfying(UnsupportedRequest.class, e -> assertThat(e.param()).isEqualTo("response_format.json_schema.schema"));
    }

    @Test
    void rejectsLogprobs() {
        assertThatThrownBy(() -> mapper.map(request(",\"logprobs\":true"), "claude-sonnet-4-5", false))
                .isInstanceOfSatisfying(UnsupportedRequest.class, e -> assertThat(e.param()).isEqualTo("logprobs"));
    }

    @Test
    void rejectsAudioContentNamingThePart() {
        ObjectNode request = (ObjectNode) parse("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"},"
                + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAA\",\"format\":\"wav\"}}]}]}");
        assertThatThrownBy(() -> mapper.map(request, "claude-sonnet-4-5", false))
                .isInstanceOfSatisfying(UnsupportedRequest.class, e -> assertThat(e.param()).isEqualTo("messages[0].content[1].type"));
    }

    @Test
    void rejectsToolArgumentsThatAreNotAnObject() {
        ObjectNode request = (ObjectNode) parse("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"tool_calls\":"
                + "[{\"id\":\"t1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"not json\"}}]}]}");
        assertThatThrownBy(() -> mapper.map(request, "claude-sonnet-4-5", false))
                .isInstanceOfSatisfying(UnsupportedRequest.class,
                        e -> assertThat(e.param()).isEqualTo("messages[1].tool_calls[0].function.arguments"));
    }

    @Test
    void toolResultsAfterAnAssistantTurnStartAUserTurn() {
        ObjectNode request = (ObjectNode) parse("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"tool_calls\":"
                + "[{\"id\":\"t1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"t1\",\"content\":\"done\"}]}");
        JsonNode messages = mapper.map(request, "claude-sonnet-4-5", false).path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1).path("content").get(0).path("input")).isEqualTo(JSON.createObjectNode());
        assertThat(messages.get(2).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(2).path("content").get(0).path("type").asText()).isEqualTo("tool_result");
    }
}
