package app.router4ai.provider.anthropic;

import app.router4ai.provider.OpenAiParams;
import app.router4ai.provider.Reasoning;
import app.router4ai.routing.CatalogModel;
import app.router4ai.routing.ReasoningMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request's reasoning as Anthropic's extended thinking, by the model's {@link ReasoningMap}, shaped so that
 * Anthropic never refuses it:
 * <ul>
 *   <li>control {@code budget}: {@code thinking: {type: enabled, budget_tokens}} with the model's budget for the
 *       effort (or the client's {@code reasoning.max_tokens}), at least Anthropic's minimum of 1024;</li>
 *   <li>control {@code level} (Claude 4.6 and later, where budgets are deprecated or refused):
 *       {@code thinking: {type: adaptive}} and {@code output_config.effort} with the model's level;</li>
 *   <li>{@code max_tokens} counts thinking and answer together (as OpenAI's {@code max_completion_tokens} counts
 *       reasoning) and must exceed the budget. Without a client limit it is the budget plus the usual answer
 *       allowance ({@link AnthropicMaxTokens}), within the model's output limit; a client limit that leaves less
 *       than {@link #ANSWER_ROOM} tokens beside the budget halves the budget; below the minimum, no thinking;</li>
 *   <li>with thinking on, Anthropic takes no {@code temperature} other than 1, no {@code top_k}, a {@code top_p} of
 *       0.95 or more only, and no forced tool: those samplings are left out, and a forced tool (also the JSON-schema
 *       answer tool) turns thinking off instead.</li>
 * </ul>
 */
final class AnthropicThinking {

    static final int MIN_BUDGET = 1024;
    static final int ANSWER_ROOM = 1024;
    /** Room adaptive thinking gets on top of the answer allowance when the client set no limit: the largest default budget. */
    static final int ADAPTIVE_ROOM = 24576;

    private AnthropicThinking() {
    }

    static void apply(ObjectNode request, ObjectNode body, CatalogModel model) {
        Reasoning asked = Reasoning.of(request);
        ReasoningMap map = model.reasoning();
        if (asked == null || forcedTool(body.get("tool_choice"))) {
            return;
        }
        boolean clientLimit = OpenAiParams.maxTokens(request) != null;
        long limit = model.maxOutputTokens() > 0 ? model.maxOutputTokens() : Integer.MAX_VALUE;
        int maxTokens = body.path("max_tokens").asInt();
        switch (map.control()) {
            case BUDGET -> {
                int budget = asked.budgetIn(map);
                if (budget <= 0) {
                    return;
                }
                budget = Math.max(budget, MIN_BUDGET);
                if (!clientLimit) {
                    maxTokens = (int) Math.min((long) budget + maxTokens, limit);
                }
                if (budget > maxTokens - ANSWER_ROOM) {
                    budget = maxTokens / 2;
                }
                if (budget < MIN_BUDGET) {
                    return;
                }
                body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
            }
            case LEVEL -> {
                String level = asked.valueIn(map);
                if (level == null) {
                    return;
                }
                if (!clientLimit) {
                    maxTokens = (int) Math.min((long) ADAPTIVE_ROOM + maxTokens, limit);
                }
                body.putObject("thinking").put("type", "adaptive");
                body.putObject("output_config").put("effort", level);
            }
            default -> {
                return;   // a model that does not think: the request goes without
            }
        }
        body.put("max_tokens", maxTokens);
        body.remove("temperature");
        body.remove("top_k");
        JsonNode topP = body.get("top_p");
        if (topP != null && topP.isNumber() && topP.doubleValue() < 0.95) {
            body.remove("top_p");
        }
    }

    private static boolean forcedTool(JsonNode choice) {
        String type = choice == null ? "" : choice.path("type").asText();
        return type.equals("any") || type.equals("tool");
    }
}
