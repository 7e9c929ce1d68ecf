package app.router4ai.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anthropic's {@code cache_control} marks, which clients put on messages, content parts and tools for Claude, left
 * out of a request to an OpenAI-format provider: OpenAI and DeepSeek cache prompts by themselves and refuse
 * properties their schema does not have, so a request marked for Claude (or failing over from it) is not refused.
 * Only what carries a mark is copied; the client's body stays as sent.
 */
final class OpenAiCacheMarks {

    static final String FIELD = "cache_control";

    private OpenAiCacheMarks() {
    }

    static void strip(ObjectNode body) {
        unmarked(body, "messages");
        unmarked(body, "tools");
    }

    private static void unmarked(ObjectNode body, String list) {
        if (!(body.get(list) instanceof ArrayNode items) || items.valueStream().noneMatch(OpenAiCacheMarks::marked)) {
            return;
        }
        ArrayNode copy = body.arrayNode();
        for (JsonNode item : items) {
            if (item instanceof ObjectNode object && marked(object)) {
                ObjectNode clean = object.deepCopy();
                clean.remove(FIELD);
                if (clean.get("content") instanceof ArrayNode parts) {
                    parts.forEach(part -> {
                        if (part instanceof ObjectNode p) {
                            p.remove(FIELD);
                        }
                    });
                }
                copy.add(clean);
            } else {
                copy.add(item);
            }
        }
        body.set(list, copy);
    }

    private static boolean marked(JsonNode item) {
        return item.has(FIELD) || item.path("content").valueStream().anyMatch(part -> part.has(FIELD));
    }
}
