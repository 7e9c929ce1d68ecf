package app.router4ai.call;

import com.fasterxml.jackson.databind.JsonNode;

/** Token counts as OpenAI reports them: prompt includes cached tokens, completion includes reasoning. */
public record Usage(long promptTokens, long completionTokens, long cachedTokens) {

    public static final Usage NONE = new Usage(0, 0, 0);

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** Reads an OpenAI {@code usage} object; a missing or null one is {@link #NONE}. */
    public static Usage fromOpenAi(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        return new Usage(usage.path("prompt_tokens").asLong(0),
                usage.path("completion_tokens").asLong(0),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(0));
    }
}
