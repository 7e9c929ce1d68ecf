package app.router4ai.chat;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.call.ApiCall;
import app.router4ai.support.OpenAiSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** What an OpenAI-compatible provider may send that OpenAI's description forbids, and what the client gets instead. */
class ChatConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatConformance conformance = ChatConformance.of(call());

    @Test
    void aBareCompletionGetsEveryRequiredField() throws Exception {
        ObjectNode completion = (ObjectNode) JSON.readTree("""
                {"choices":[{"message":{"content":[{"type":"text","text":"Hel"},{"type":"text","text":"lo"}]},
                             "finish_reason":"insufficient_system_resource"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":"2"},"system_fingerprint":null}""");

        conformance.completion(completion);

        assertThat(OpenAiSchema.COMPLETION.violations(completion)).as(completion.toString()).isEmpty();
        assertThat(completion.at("/choices/0/message/content").asText()).isEqualTo("Hello");
        assertThat(completion.at("/choices/0/finish_reason").asText()).as("cut short is length").isEqualTo("length");
        assertThat(completion.at("/usage/total_tokens").asInt()).isEqualTo(5);
        assertThat(completion.get("model").asText()).isEqualTo("deepseek-chat");
    }

    @Test
    void anOpenAiCompletionPassesUnchanged() throws Exception {
        String body = """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini","system_fingerprint":"fp",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi","refusal":null},"logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""";
        ObjectNode completion = (ObjectNode) JSON.readTree(body);

        assertThat((JsonNode) conformance.completion(completion)).isEqualTo(JSON.readTree(body));
    }

    @Test
    void chunksOfOneStreamShareTheIdAndCreatedFilledIn() throws Exception {
        ObjectNode first = conformance.chunk((ObjectNode) JSON.readTree("{\"choices\":[{\"delta\":{\"role\":null,\"content\":\"a\"}}]}"));
        ObjectNode second = conformance.chunk((ObjectNode) JSON.readTree("{\"choices\":[{\"delta\":{},\"finish_reason\":\"eos\"}]}"));

        assertThat(OpenAiSchema.CHUNK.violations(first)).as(first.toString()).isEmpty();
        assertThat(OpenAiSchema.CHUNK.violations(second)).as(second.toString()).isEmpty();
        assertThat(first.get("id")).isEqualTo(second.get("id"));
        assertThat(first.get("created")).isEqualTo(second.get("created"));
        assertThat(first.at("/choices/0/delta").has("role")).isFalse();
        assertThat(second.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    private static ApiCall call() {
        ApiCall call = new ApiCall();
        call.answeringModel("deepseek-chat");
        return call;
    }
}
