package app.router4ai.provider.openai;

import app.router4ai.provider.Reasoning;
import app.router4ai.routing.ReasoningMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A request's reasoning for an OpenAI-format provider, by the model's {@link ReasoningMap}:
 * <ul>
 *   <li>{@code effort} (OpenAI's o-series and GPT-5): {@code reasoning_effort} with the model's value for the effort,
 *       also when the client sent OpenRouter's {@code reasoning} object, which OpenAI would refuse as unknown;</li>
 *   <li>{@code model} (DeepSeek): the reasoning model ({@code deepseek-reasoner}) answers instead; it takes no effort;</li>
 *   <li>no reasoning: both fields are left out, as OpenAI refuses {@code reasoning_effort} for models without it.</li>
 * </ul>
 * The answer needs nothing: DeepSeek's {@code reasoning_content} and OpenAI's {@code reasoning_tokens} already
 * have the canonical names. Assistant messages sent back lose the reasoning fields the router adds for other clients
 * ({@code reasoning}, {@code reasoning_details}), which OpenAI refuses as unknown; {@code reasoning_content} stays only
 * for a model that reasons through another model (DeepSeek's reasoner wants it back in a tool-call turn).
 */
final class OpenAiReasoning {

    private OpenAiReasoning() {
    }

    static void apply(ObjectNode request, ObjectNode body, ReasoningMap map) {
        withoutReasoningFields(body, map.control() == ReasoningMap.Control.MODEL
                ? List.of("reasoning", "reasoning_details") : List.of("reasoning", "reasoning_details", "reasoning_content"));
        Reasoning asked = Reasoning.of(request);
        body.remove(Reasoning.EFFORT_FIELD);
        body.remove(Reasoning.OBJECT_FIELD);
        if (asked == null) {
            return;
        }
        switch (map.control()) {
            case MODEL -> body.put("model", map.model());
            case EFFORT -> {
                String value = asked.valueIn(map);
                body.put(Reasoning.EFFORT_FIELD, value != null ? value : asked.effort());
            }
            default -> {
                // a model that does not reason (or whose control belongs to another wire): the request goes without
            }
        }
    }

    /** The messages without {@code fields} on assistant turns; copies only what changes (the client's body stays as sent). */
    private static void withoutReasoningFields(ObjectNode body, List<String> fields) {
        if (!(body.get("messages") instanceof ArrayNode messages) || !anyHas(messages, fields)) {
            return;
        }
        ArrayNode copy = body.arrayNode();
        for (JsonNode message : messages) {
            if (message instanceof ObjectNode object && has(object, fields)) {
                copy.add(object.deepCopy().remove(fields));
            } else {
                copy.add(message);
            }
        }
        body.set("messages", copy);
    }

    // loops, not streams: this runs for every request to an OpenAI-wire provider
    private static boolean anyHas(ArrayNode messages, List<String> fields) {
        for (JsonNode message : messages) {
            if (has(message, fields)) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(JsonNode message, List<String> fields) {
        for (String field : fields) {
            if (message.has(field)) {
                return true;
            }
        }
        return false;
    }
}
