package app.router4ai.call;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token counts as OpenAI reports them: prompt includes cached tokens (and tokens written to a prompt cache),
 * completion includes reasoning. {@code cacheWriteTokens} are prompt tokens a provider wrote to its prompt
 * cache (Anthropic's {@code cache_creation_input_tokens}), priced apart; OpenAI's usage has no such figure,
 * so the canonical form carries it as {@code prompt_tokens_details.cache_creation_tokens} when there are any.
 */
public record Usage(long promptTokens, long completionTokens, long cachedTokens, long cacheWriteTokens) {

    public static final Usage NONE = new Usage(0, 0, 0, 0);

    /** The canonical usage field of tokens written to a provider's prompt cache. */
    public static final String CACHE_WRITE_FIELD = "cache_creation_tokens";

    /** Usage of a provider without prompt-cache writes. */
    public Usage(long promptTokens, long completionTokens, long cachedTokens) {
        this(promptTokens, completionTokens, cachedTokens, 0);
    }

    /** Both counts together: a stream continued at a second provider bills the tokens of both attempts. */
    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                cachedTokens + other.cachedTokens, cacheWriteTokens + other.cacheWriteTokens);
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** Reads an OpenAI {@code usage} object; a missing or null one is {@link #NONE}. */
    public static Usage fromOpenAi(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        JsonNode details = usage.path("prompt_tokens_details");
        return new Usage(usage.path("prompt_tokens").asLong(0),
                usage.path("completion_tokens").asLong(0),
                details.path("cached_tokens").asLong(0),
                details.path(CACHE_WRITE_FIELD).asLong(0));
    }
}
