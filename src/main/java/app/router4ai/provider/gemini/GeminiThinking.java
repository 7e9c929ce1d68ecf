package app.router4ai.provider.gemini;

import app.router4ai.provider.Reasoning;
import app.router4ai.routing.ReasoningMap;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request's reasoning as Gemini's {@code generationConfig.thinkingConfig}, by the model's {@link ReasoningMap}:
 * control {@code budget} (Gemini 2.5) sets {@code thinkingBudget} to the model's budget for the effort (a client's
 * {@code reasoning.max_tokens} within the model's largest budget, which is as far as the model goes: 24576 on 2.5
 * Flash); control {@code level} (Gemini 3) sets {@code thinkingLevel}. {@code includeThoughts} asks for the thought
 * summaries the answer then carries as {@code reasoning_content}, unless the client excluded them. A model without
 * a mapping gets no thinkingConfig (Gemini 1.5 and 2.0 refuse one).
 */
final class GeminiThinking {

    private GeminiThinking() {
    }

    static void apply(ObjectNode request, ObjectNode config, ReasoningMap map) {
        Reasoning asked = Reasoning.of(request);
        if (asked == null) {
            return;
        }
        ObjectNode thinking = config.objectNode();
        switch (map.control()) {
            case BUDGET -> {
                int largest = map.map().values().stream().mapToInt(Integer::parseInt).max().orElse(0);
                thinking.put("thinkingBudget", Math.min(asked.budgetIn(map), largest));
            }
            case LEVEL -> {
                String level = asked.valueIn(map);
                if (level == null) {
                    return;
                }
                thinking.put("thinkingLevel", level);
            }
            default -> {
                return;
            }
        }
        if (!asked.exclude()) {
            thinking.put("includeThoughts", true);
        }
        config.set("thinkingConfig", thinking);
    }
}
