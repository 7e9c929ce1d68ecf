package app.router4ai.provider.anthropic;

import app.router4ai.provider.UnsupportedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} as Anthropic's tools and tool_choice. */
final class AnthropicToolMapper {

    private final ObjectMapper json;

    AnthropicToolMapper(ObjectMapper json) {
        this.json = json;
    }

    ArrayNode tools(JsonNode tools) {
        ArrayNode out = json.createArrayNode();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!"function".equals(tool.path("type").asText("function"))) {
                throw new UnsupportedRequest("tools[" + i + "].type", "Only function tools are supported by this model's provider.");
            }
            JsonNode function = tool.path("function");
            ObjectNode mapped = out.addObject().put("name", function.path("name").asText());
            if (function.hasNonNull("description")) {
                mapped.put("description", function.get("description").asText());
            }
            // input_schema is required even for a function without parameters.
            mapped.set("input_schema", function.hasNonNull("parameters")
                    ? function.get("parameters")
                    : json.createObjectNode().put("type", "object").set("properties", json.createObjectNode()));
            AnthropicCacheControl.copy(tool, mapped);
        }
        return out;
    }

    /**
     * Null when Anthropic's default (auto, parallel calls allowed) is what the client asked for.
     * {@code parallel_tool_calls: false} becomes {@code disable_parallel_tool_use}, which "none" does not take.
     */
    ObjectNode toolChoice(JsonNode choice, JsonNode parallelToolCalls) {
        boolean serial = parallelToolCalls != null && parallelToolCalls.isBoolean() && !parallelToolCalls.asBoolean();
        ObjectNode out = json.createObjectNode();
        if (choice == null || choice.isNull()) {
            if (!serial) {
                return null;
            }
            out.put("type", "auto");
        } else if (choice.isTextual()) {
            switch (choice.asText()) {
                case "auto" -> out.put("type", "auto");
                case "none" -> {
                    return out.put("type", "none");
                }
                case "required" -> out.put("type", "any");
                default -> throw new UnsupportedRequest("tool_choice", "Unknown tool_choice '" + choice.asText() + "'.");
            }
        } else if (choice.path("function").hasNonNull("name")) {
            out.put("type", "tool").put("name", choice.path("function").path("name").asText());
        } else {
            throw new UnsupportedRequest("tool_choice", "tool_choice must be auto, none, required or a named function.");
        }
        if (serial) {
            out.put("disable_parallel_tool_use", true);
        }
        return out;
    }
}
