package app.router4ai.provider.anthropic;

import java.util.List;
import java.util.Map;

/**
 * The {@code max_tokens} sent when the client gave neither {@code max_completion_tokens} nor
 * {@code max_tokens}: OpenAI treats the limit as optional, Anthropic requires it. The defaults are
 * deliberately modest (not each model's ceiling) so that an unbounded OpenAI request does not turn
 * into a very long, expensive answer:
 * <ul>
 *   <li>Claude 3 models ({@code claude-3-haiku*}, {@code claude-3-sonnet*}, {@code claude-3-opus*}): 4096,
 *       their maximum output;</li>
 *   <li>any other haiku, sonnet or opus model (3.5, 3.7, 4.x, ...): 8192;</li>
 *   <li>an id matching none of these: 4096, which every Claude model accepts.</li>
 * </ul>
 * Checked in order; the first matching rule wins.
 */
final class AnthropicMaxTokens {

    static final int FALLBACK = 4096;

    private static final List<Map.Entry<String, Integer>> BY_PREFIX = List.of(
            Map.entry("claude-3-haiku", 4096),
            Map.entry("claude-3-sonnet", 4096),
            Map.entry("claude-3-opus", 4096));

    private static final List<Map.Entry<String, Integer>> BY_FAMILY = List.of(
            Map.entry("haiku", 8192),
            Map.entry("sonnet", 8192),
            Map.entry("opus", 8192));

    private AnthropicMaxTokens() {
    }

    static int defaultFor(String model) {
        String id = model == null ? "" : model.toLowerCase(java.util.Locale.ROOT);
        for (Map.Entry<String, Integer> rule : BY_PREFIX) {
            if (id.startsWith(rule.getKey())) {
                return rule.getValue();
            }
        }
        for (Map.Entry<String, Integer> rule : BY_FAMILY) {
            if (id.contains(rule.getKey())) {
                return rule.getValue();
            }
        }
        return FALLBACK;
    }
}
