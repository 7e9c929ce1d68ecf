package app.router4ai.fake;

import static app.router4ai.fake.FixtureJson.JSON;
import static app.router4ai.fake.FixtureJson.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Bodies in OpenAI's wire format, as its API reference documents them, for the tests' fake providers and the demo profile to send. */
public final class OpenAiFixtures {

    private OpenAiFixtures() {
    }

    public static String completion(String model, String content, int promptTokens, int completionTokens) {
        return """
                {"id":"chatcmpl-fake123","object":"chat.completion","created":1732000000,"model":"%s",
                 "system_fingerprint":"fp_fake",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s","refusal":null},
                             "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
                          "prompt_tokens_details":{"cached_tokens":0},
                          "completion_tokens_details":{"reasoning_tokens":0}}}
                """.formatted(model, content, promptTokens, completionTokens, promptTokens + completionTokens);
    }

    /** The events of a streamed answer, one word per chunk, with the usage chunk and [DONE], as sent with include_usage. */
    public static List<String> streamEvents(String model, List<String> words, int promptTokens, int completionTokens) {
        List<String> events = new ArrayList<>();
        String head = "{\"id\":\"chatcmpl-fake456\",\"object\":\"chat.completion.chunk\",\"created\":1732000001,\"model\":\"" + model
                + "\",\"system_fingerprint\":\"fp_fake\",";
        events.add("data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        for (String word : words) {
            events.add("data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + word
                    + "\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        }
        events.add("data: " + head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":null}\n\n");
        events.add("data: " + head + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":"
                + completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens)
                + ",\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n");
        events.add("data: [DONE]\n\n");
        return events;
    }

    /** An answer that calls one function ({@code finish_reason: tool_calls}, content null). */
    public static String toolCallCompletion(String model, String callId, String name, String argumentsJson,
                                            int promptTokens, int completionTokens) {
        ObjectNode completion = (ObjectNode) FixtureJson.read(completion(model, "", promptTokens, completionTokens));
        ObjectNode choice = (ObjectNode) completion.get("choices").get(0);
        ObjectNode message = (ObjectNode) choice.get("message");
        message.putNull("content");
        ObjectNode call = message.putArray("tool_calls").addObject().put("id", callId).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", argumentsJson);
        choice.put("finish_reason", "tool_calls");
        return write(completion);
    }

    /**
     * A streamed function call as OpenAI sends it: the first tool-call delta carries index, id, type and name with
     * empty arguments, the next ones argument fragments only; finish_reason tool_calls, the usage chunk, [DONE].
     */
    public static List<String> toolCallStreamEvents(String model, String callId, String name, List<String> argumentFragments,
                                                    int promptTokens, int completionTokens) {
        List<String> events = new ArrayList<>();
        String head = "{\"id\":\"chatcmpl-fake789\",\"object\":\"chat.completion.chunk\",\"created\":1732000002,\"model\":\"" + model
                + "\",\"system_fingerprint\":\"fp_fake\",";
        events.add("data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":"
                + "[{\"index\":0,\"id\":\"" + callId + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name
                + "\",\"arguments\":\"\"}}],\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        for (String fragment : argumentFragments) {
            ObjectNode delta = JSON.createObjectNode();
            delta.putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", fragment);
            events.add("data: " + head + "\"choices\":[{\"index\":0,\"delta\":" + write(delta)
                    + ",\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        }
        events.add("data: " + head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],"
                + "\"usage\":null}\n\n");
        events.add("data: " + head + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":"
                + completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}}\n\n");
        events.add("data: [DONE]\n\n");
        return events;
    }

    /**
     * An embeddings list ({@code object: list}, one {@code embedding} per input, {@code usage.prompt_tokens}). The
     * values follow from each input's text and are multiples of 1/256, which float32 holds exactly, so a float
     * answer and its base64 (float32) form decode to equal numbers.
     */
    public static String embeddings(String model, List<String> inputs, int dimensions, int promptTokens) {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (int i = 0; i < inputs.size(); i++) {
            ArrayNode vector = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
            vectorOf(inputs.get(i), dimensions).forEach(vector::add);
        }
        list.put("model", model);
        list.putObject("usage").put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
        return write(list);
    }

    /** The vector the fakes give a text: dyadic values in [-0.5, 0.5), so float32 holds them exactly. */
    public static List<Double> vectorOf(String text, int dimensions) {
        List<Double> values = new ArrayList<>();
        int hash = text.hashCode();
        for (int d = 0; d < dimensions; d++) {
            values.add(((hash >>> (d % 24)) + d * 37 & 0xff) / 256.0 - 0.5);
        }
        return values;
    }

    /** A legacy {@code text_completion}. */
    public static String textCompletion(String model, String text, int promptTokens, int completionTokens) {
        ObjectNode completion = JSON.createObjectNode().put("id", "cmpl-fake123").put("object", "text_completion")
                .put("created", 1732000003).put("model", model);
        completion.putArray("choices").addObject().put("text", text).put("index", 0).putNull("logprobs").put("finish_reason", "stop");
        completion.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return write(completion);
    }

    /** A streamed legacy completion with {@code stream_options.include_usage}: text chunks, the usage chunk, [DONE]. */
    public static List<String> textCompletionStreamEvents(String model, List<String> pieces, int promptTokens, int completionTokens) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            ObjectNode chunk = JSON.createObjectNode().put("id", "cmpl-fake456").put("object", "text_completion")
                    .put("created", 1732000004).put("model", model);
            chunk.putArray("choices").addObject().put("text", pieces.get(i)).put("index", 0).putNull("logprobs")
                    .put("finish_reason", i == pieces.size() - 1 ? "stop" : null);
            chunk.putNull("usage");
            events.add("data: " + write(chunk) + "\n\n");
        }
        ObjectNode usage = JSON.createObjectNode().put("id", "cmpl-fake456").put("object", "text_completion")
                .put("created", 1732000004).put("model", model);
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        events.add("data: " + write(usage) + "\n\n");
        events.add("data: [DONE]\n\n");
        return events;
    }

    /** A moderation answer: one result, flagged or not, with its categories and scores. */
    public static String moderation(String model, boolean flagged) {
        ObjectNode body = JSON.createObjectNode().put("id", "modr-fake123").put("model", model);
        ObjectNode result = body.putArray("results").addObject().put("flagged", flagged);
        result.putObject("categories").put("harassment", flagged).put("violence", false);
        result.putObject("category_scores").put("harassment", flagged ? 0.91 : 0.0001).put("violence", 0.0002);
        ObjectNode types = result.putObject("category_applied_input_types");
        types.putArray("harassment").add("text");
        types.putArray("violence").add("text");
        return write(body);
    }

    public static String error(String message, String type, String param, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":"
                + (param == null ? "null" : "\"" + param + "\"") + ",\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }
}
