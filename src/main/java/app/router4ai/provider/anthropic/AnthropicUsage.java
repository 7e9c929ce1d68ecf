package app.router4ai.provider.anthropic;

import app.router4ai.call.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anthropic token counts, as OpenAI usage. Anthropic splits the prompt into uncached, cache-write and
 * cache-read tokens; OpenAI's {@code prompt_tokens} is all three (so billing sees every prompt token),
 * with the cache reads as {@code cached_tokens} and the cache writes, when there are any, as
 * {@link Usage#CACHE_WRITE_FIELD} (each has its own price).
 */
final class AnthropicUsage {

    private long input;
    private long cacheCreation;
    private long cacheRead;
    private long output;

    /** Takes whatever figures {@code usage} carries; later reports replace earlier ones (they are cumulative). */
    AnthropicUsage update(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return this;
        }
        input = figure(usage, "input_tokens", input);
        cacheCreation = figure(usage, "cache_creation_input_tokens", cacheCreation);
        cacheRead = figure(usage, "cache_read_input_tokens", cacheRead);
        output = figure(usage, "output_tokens", output);
        return this;
    }

    /** A figure the report carries replaces the earlier one; an absent or null one (message_delta sends nulls) does not. */
    private static long figure(JsonNode usage, String field, long previous) {
        JsonNode value = usage.get(field);
        return value != null && value.isNumber() ? value.asLong() : previous;
    }

    ObjectNode toOpenAi(ObjectMapper json) {
        long prompt = input + cacheCreation + cacheRead;
        ObjectNode usage = json.createObjectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", output)
                .put("total_tokens", prompt + output);
        ObjectNode details = usage.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
        if (cacheCreation > 0) {
            details.put(Usage.CACHE_WRITE_FIELD, cacheCreation);
        }
        return usage;
    }
}
