package app.router4ai.provider.anthropic;

import app.router4ai.provider.OpenAiContent;
import app.router4ai.provider.UnsupportedRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI {@code messages} as Anthropic's top-level {@code system} plus alternating user/assistant turns.
 * System and developer messages become the system prompt (joined by blank lines); tool results go in a
 * user turn; consecutive turns of the same role are merged into one, in order.
 */
final class AnthropicMessageMapper {

    /**
     * What the messages became: the system prompt (empty when there was none) and the turns. {@code systemBlocks} is
     * the system prompt as text blocks when one of its parts is marked for Anthropic's prompt cache (null otherwise:
     * the joined string is sent).
     */
    record Mapped(String system, ArrayNode systemBlocks, ArrayNode messages) {
    }

    private record Turn(String role, ArrayNode blocks) {
    }

    private final ObjectMapper json;
    private final AnthropicContentMapper content;

    AnthropicMessageMapper(ObjectMapper json) {
        this.json = json;
        this.content = new AnthropicContentMapper(json);
    }

    Mapped map(JsonNode messages) {
        List<String> system = new ArrayList<>();
        ArrayNode systemBlocks = json.createArrayNode();
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String param = "messages[" + i + "]";
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" -> {
                    system.add(OpenAiContent.text(message.get("content"), param + ".content"));
                    systemBlocks.addAll(AnthropicCacheControl.marked(content.textBlocks(message.get("content"), param + ".content"), message));
                }
                case "user" -> append(turns, "user", AnthropicCacheControl.marked(content.userBlocks(message.get("content"), param + ".content"), message));
                case "assistant" -> append(turns, "assistant", AnthropicCacheControl.marked(assistantBlocks(message, param), message));
                case "tool" -> append(turns, "user", AnthropicCacheControl.marked(json.createArrayNode().add(toolResult(message, param)), message));
                default -> throw new UnsupportedRequest(param + ".role", "Message role '" + role + "' is not supported by this model's provider.");
            }
        }
        ArrayNode out = json.createArrayNode();
        for (Turn turn : turns) {
            ObjectNode message = out.addObject().put("role", turn.role());
            JsonNode only = turn.blocks().size() == 1 ? turn.blocks().get(0) : null;
            if (only != null && "text".equals(only.path("type").asText()) && !only.has(AnthropicCacheControl.FIELD)) {
                message.put("content", only.get("text").asText());
            } else {
                message.set("content", turn.blocks());
            }
        }
        return new Mapped(String.join("\n\n", system.stream().filter(s -> !s.isEmpty()).toList()),
                AnthropicCacheControl.anyMarked(systemBlocks) ? systemBlocks : null, out);
    }

    /** Claude's thinking of this turn first (signed, unchanged: Anthropic refuses a tool turn whose thinking was altered). */
    private ArrayNode assistantBlocks(JsonNode message, String param) {
        ArrayNode blocks = AnthropicReasoningDetails.thinkingBlocks(json, message);
        content.addText(blocks, OpenAiContent.text(message.get("content"), param + ".content"));
        JsonNode calls = message.path("tool_calls");
        for (int j = 0; j < calls.size(); j++) {
            JsonNode call = calls.get(j);
            blocks.addObject()
                    .put("type", "tool_use")
                    .put("id", call.path("id").asText())
                    .put("name", call.path("function").path("name").asText())
                    .set("input", arguments(call.path("function").path("arguments").asText(""),
                            param + ".tool_calls[" + j + "].function.arguments"));
        }
        return blocks;
    }

    private ObjectNode toolResult(JsonNode message, String param) {
        return json.createObjectNode()
                .put("type", "tool_result")
                .put("tool_use_id", message.path("tool_call_id").asText())
                .put("content", OpenAiContent.text(message.get("content"), param + ".content"));
    }

    /** OpenAI carries arguments as a JSON string; Anthropic wants the object itself. */
    private JsonNode arguments(String arguments, String param) {
        if (arguments.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode parsed = json.readTree(arguments);
            if (parsed instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new UnsupportedRequest(param, "Tool call arguments must be a JSON object.");
    }

    private static void append(List<Turn> turns, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        if (!turns.isEmpty() && turns.getLast().role().equals(role)) {
            turns.getLast().blocks().addAll(blocks);
        } else {
            turns.add(new Turn(role, blocks));
        }
    }
}
