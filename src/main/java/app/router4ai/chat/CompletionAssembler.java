package app.router4ai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds the {@code chat.completion} a stream amounted to, from its OpenAI chunks: content and
 * refusal text joined, reasoning ({@code reasoning_content} joined, {@code reasoning_details} pieces kept in order),
 * tool calls joined by index, finish reasons, usage. Used to cache streamed answers.
 */
public final class CompletionAssembler {

    private final ObjectMapper json;
    private final Map<Integer, Choice> choices = new TreeMap<>();
    private ObjectNode head;
    private JsonNode usage;

    private static final class Choice {
        final StringBuilder content = new StringBuilder();
        StringBuilder reasoning;
        ArrayNode reasoningDetails;
        final Map<Integer, ObjectNode> toolCalls = new TreeMap<>();
        final Map<Integer, StringBuilder> arguments = new TreeMap<>();
        String finishReason;
        boolean sawContent;
    }

    public CompletionAssembler(ObjectMapper json) {
        this.json = json;
    }

    public void add(ObjectNode chunk) {
        if (head == null) {
            head = json.createObjectNode();
            head.set("id", chunk.get("id"));
            head.put("object", "chat.completion");
            head.set("created", chunk.get("created"));
            head.set("model", chunk.get("model"));
            if (chunk.has("system_fingerprint")) {
                head.set("system_fingerprint", chunk.get("system_fingerprint"));
            }
        }
        if (chunk.hasNonNull("usage")) {
            usage = chunk.get("usage");
        }
        for (JsonNode c : chunk.path("choices")) {
            Choice choice = choices.computeIfAbsent(c.path("index").asInt(0), i -> new Choice());
            JsonNode delta = c.path("delta");
            if (delta.hasNonNull("content")) {
                choice.content.append(delta.get("content").asText());
                choice.sawContent = true;
            }
            if (delta.hasNonNull("reasoning_content")) {
                choice.reasoning = choice.reasoning == null ? new StringBuilder() : choice.reasoning;
                choice.reasoning.append(delta.get("reasoning_content").asText());
            }
            if (delta.path("reasoning_details").isArray()) {
                choice.reasoningDetails = choice.reasoningDetails == null ? json.createArrayNode() : choice.reasoningDetails;
                choice.reasoningDetails.addAll((ArrayNode) delta.get("reasoning_details"));
            }
            for (JsonNode call : delta.path("tool_calls")) {
                int index = call.path("index").asInt(0);
                ObjectNode toolCall = choice.toolCalls.computeIfAbsent(index, i -> json.createObjectNode());
                if (call.hasNonNull("id")) {
                    toolCall.put("id", call.get("id").asText());
                    toolCall.put("type", call.path("type").asText("function"));
                }
                if (call.path("function").hasNonNull("name")) {
                    toolCall.putObject("function").put("name", call.path("function").get("name").asText());
                }
                choice.arguments.computeIfAbsent(index, i -> new StringBuilder())
                        .append(call.path("function").path("arguments").asText(""));
            }
            if (c.hasNonNull("finish_reason")) {
                choice.finishReason = c.get("finish_reason").asText();
            }
        }
    }

    public ObjectNode completion() {
        ObjectNode completion = head == null ? json.createObjectNode() : head.deepCopy();
        ArrayNode out = completion.putArray("choices");
        choices.forEach((index, choice) -> {
            ObjectNode c = out.addObject().put("index", index);
            ObjectNode message = c.putObject("message").put("role", "assistant");
            if (choice.sawContent || choice.toolCalls.isEmpty()) {
                message.put("content", choice.content.toString());
            } else {
                message.putNull("content");
            }
            if (choice.reasoning != null) {
                message.put("reasoning_content", choice.reasoning.toString());
            }
            if (choice.reasoningDetails != null) {
                message.set("reasoning_details", choice.reasoningDetails);
            }
            if (!choice.toolCalls.isEmpty()) {
                ArrayNode calls = message.putArray("tool_calls");
                choice.toolCalls.forEach((i, call) -> {
                    ObjectNode function = call.has("function") ? (ObjectNode) call.get("function") : call.putObject("function");
                    function.put("arguments", choice.arguments.getOrDefault(i, new StringBuilder()).toString());
                    calls.add(call);
                });
            }
            c.put("finish_reason", choice.finishReason);
        });
        if (usage != null) {
            completion.set("usage", usage);
        }
        return completion;
    }
}
