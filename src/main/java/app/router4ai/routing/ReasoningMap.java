package app.router4ai.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one catalog model takes a client's reasoning effort ({@code minimal}, {@code low}, {@code medium},
 * {@code high}, ...): the {@code reasoning:} entry of the model in the routing file. A model without one
 * ({@link #NONE}) does not reason, and a reasoning request to it is ignored rather than refused upstream.
 * <pre>
 *   reasoning: true                          # the effort as the provider's own reasoning_effort (OpenAI)
 *   reasoning: {control: budget}             # a token budget per effort: Anthropic thinking.budget_tokens,
 *                                            #   Gemini 2.5 thinkingConfig.thinkingBudget
 *   reasoning: {control: level}              # a level per effort: Anthropic adaptive thinking's effort,
 *                                            #   Gemini 3 thinkingConfig.thinkingLevel
 *   reasoning: {control: model, model: deepseek-reasoner}   # another provider model thinks (DeepSeek)
 *   map: {minimal: 1024, low: 4096, ...}     # optional: overrides the control's default table entry by entry
 * </pre>
 *
 * @param control what the provider is sent
 * @param map     effort → budget (a whole number, as text) or level, for every effort the model takes
 * @param model   the provider model that reasons (control {@code model}); null otherwise
 */
public record ReasoningMap(Control control, Map<String, String> map, String model) {

    public enum Control { NONE, EFFORT, BUDGET, LEVEL, MODEL }

    public static final ReasoningMap NONE = new ReasoningMap(Control.NONE, Map.of(), null);

    /** The efforts clients send, from least to most thinking (OpenAI's reasoning_effort values). */
    public static final List<String> EFFORTS = List.of("minimal", "low", "medium", "high");

    /**
     * Token budgets per effort. 1024 is Anthropic's smallest budget; 24576 is the most Gemini 2.5 Flash takes and,
     * with the 8192 tokens left for the answer, stays well inside Claude's output limit and a non-batch request.
     * Between them, roughly ×3 per step, as OpenRouter's effort ratios (0.2 / 0.5 / 0.8 of the output) spread.
     */
    static final Map<String, String> BUDGETS = Map.of("minimal", "1024", "low", "4096", "medium", "12288", "high", "24576");

    /** Levels per effort: Anthropic's and Gemini 3's levels are low / medium / high; minimal is the lowest of them. */
    static final Map<String, String> LEVELS = Map.of("minimal", "low", "low", "low", "medium", "medium", "high", "high");

    static final Map<String, String> SAME = Map.of("minimal", "minimal", "low", "low", "medium", "medium", "high", "high");

    public boolean reasons() {
        return control != Control.NONE;
    }

    /** The provider's value for {@code effort}; null when the model takes no such effort. */
    public String valueFor(String effort) {
        return effort == null ? null : map.get(effort);
    }

    /** The budget for {@code effort} (control budget); 0 when there is none. */
    public int budgetFor(String effort) {
        String value = valueFor(effort);
        return value == null ? 0 : Integer.parseInt(value);
    }

    /** Reads a model's {@code reasoning:} entry; a mistake throws naming {@code where} (file and model). */
    public static ReasoningMap read(JsonNode node, String where) {
        if (node == null || node.isNull() || node.isMissingNode() || (node.isBoolean() && !node.asBoolean())) {
            return NONE;
        }
        if (node.isBoolean()) {
            return new ReasoningMap(Control.EFFORT, SAME, null);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": 'reasoning' must be true or {control: effort|budget|level|model, map: {...}}");
        }
        String name = node.path("control").asText("effort");
        Control control;
        try {
            control = Control.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            control = null;
        }
        if (control == null || control == Control.NONE) {
            throw new IllegalArgumentException(where + ": reasoning.control is '" + name + "', expected effort, budget, level or model");
        }
        String model = node.path("model").asText(null);
        if (control == Control.MODEL && (model == null || model.isBlank())) {
            throw new IllegalArgumentException(where + ": reasoning.control model needs reasoning.model (the provider model that reasons)");
        }
        Map<String, String> map = new LinkedHashMap<>(switch (control) {
            case BUDGET -> BUDGETS;
            case LEVEL -> LEVELS;
            default -> SAME;
        });
        JsonNode entries = node.path("map");
        if (!entries.isMissingNode() && !entries.isObject()) {
            throw new IllegalArgumentException(where + ": reasoning.map must map efforts to values, e.g. {low: 4096}");
        }
        for (Map.Entry<String, JsonNode> entry : entries.properties()) {
            JsonNode value = entry.getValue();
            if (control == Control.BUDGET && !(value.canConvertToInt() && value.asInt() >= 0)) {
                throw new IllegalArgumentException(where + ": reasoning.map." + entry.getKey() + " must be a token budget ≥ 0");
            }
            if (!value.isValueNode() || value.asText().isBlank()) {
                throw new IllegalArgumentException(where + ": reasoning.map." + entry.getKey() + " must be a value");
            }
            map.put(entry.getKey(), value.asText());
        }
        return new ReasoningMap(control, Map.copyOf(map), model);
    }
}
