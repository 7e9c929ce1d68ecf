package app.router4ai.provider;

import app.router4ai.routing.ReasoningMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The reasoning a chat request asks for, in either of the shapes clients send: OpenAI's {@code reasoning_effort}
 * ({@code minimal} … {@code high}) or OpenRouter's {@code reasoning: {effort | max_tokens, exclude, enabled}}.
 * Every wire adapter reads it here and turns it into its provider's own control through the model's
 * {@link ReasoningMap}; {@link app.router4ai.chat.ChatParameterCheck} has already refused values out of range.
 *
 * @param effort    the effort asked for, or derived from {@code max_tokens}; never null
 * @param maxTokens OpenRouter's {@code reasoning.max_tokens}: a budget of its own; null when not given
 * @param exclude   the model reasons, but its reasoning is left out of the answer
 */
public record Reasoning(String effort, Integer maxTokens, boolean exclude) {

    /** The two request fields reasoning arrives in: what an adapter removes before it sends the rest on. */
    public static final String EFFORT_FIELD = "reasoning_effort";
    public static final String OBJECT_FIELD = "reasoning";

    /** OpenRouter's default effort when reasoning is switched on without one ({@code reasoning: {}}, {@code enabled: true}). */
    static final String DEFAULT_EFFORT = "medium";

    /** What {@code request} asks for; null when it asks for no reasoning (nothing set, effort {@code none}, {@code enabled: false}). */
    public static Reasoning of(ObjectNode request) {
        JsonNode object = request.get(OBJECT_FIELD);
        boolean exclude = object != null && object.path("exclude").asBoolean(false);
        String effort = request.path(EFFORT_FIELD).asText(null);
        Integer maxTokens = null;
        if (object != null && object.isObject()) {
            if (!object.path("enabled").asBoolean(true)) {
                return null;
            }
            effort = object.path("effort").asText(effort);
            if (object.path("max_tokens").canConvertToInt()) {
                maxTokens = object.get("max_tokens").asInt();
                effort = effort != null ? effort : effortFor(maxTokens);
            }
            effort = effort != null ? effort : DEFAULT_EFFORT;
        }
        return effort == null || effort.equals("none") ? null : new Reasoning(effort, maxTokens, exclude);
    }

    /** Whether the client asked to keep the model's reasoning out of the answer ({@code reasoning.exclude}). */
    public static boolean excluded(ObjectNode request) {
        return request != null && request.path(OBJECT_FIELD).path("exclude").asBoolean(false);
    }

    /** The model's value for this effort; {@code xhigh} takes {@code high}'s where the model has no entry of its own. */
    public String valueIn(ReasoningMap map) {
        String value = map.valueFor(effort);
        return value == null && effort.equals("xhigh") ? map.valueFor("high") : value;
    }

    /** The token budget: the client's own {@code max_tokens}, else the model's for the effort; 0 when it has none. */
    public int budgetIn(ReasoningMap map) {
        if (maxTokens != null) {
            return maxTokens;
        }
        String value = valueIn(map);
        return value == null ? 0 : Integer.parseInt(value);
    }

    /** The effort whose default budget a client's {@code max_tokens} reaches, for models that take levels, not budgets. */
    static String effortFor(int maxTokens) {
        return maxTokens < 4096 ? "minimal" : maxTokens < 12288 ? "low" : maxTokens < 24576 ? "medium" : "high";
    }

    /** The request without both reasoning fields (a shallow copy), for a provider that must not see them. */
    public static ObjectNode without(ObjectNode request) {
        if (!request.has(EFFORT_FIELD) && !request.has(OBJECT_FIELD)) {
            return request;
        }
        ObjectNode copy = request.objectNode();
        copy.setAll(request);
        copy.remove(EFFORT_FIELD);
        copy.remove(OBJECT_FIELD);
        return copy;
    }
}
