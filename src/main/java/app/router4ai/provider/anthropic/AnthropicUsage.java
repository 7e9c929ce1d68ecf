package app.router4ai.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anthropic token counts, as OpenAI usage. Anthropic splits the prompt into uncached, cache-write and
 * cache-read tokens; OpenAI's {@code prompt_tokens} is all three (so billing sees every prompt token),
 * with the cache reads as {@code cached_tokens}.
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
        input = usage.path("input_tokens").asLong(input);
        cacheCreation = usage.path("cache_creation_input_tokens").asLong(cacheCreation);
        cacheRead = usage.path("cache_read_input_tokens").asLong(cacheRead);
        output = usage.path("output_tokens").asLong(output);
        return this;
    }

    ObjectNode toOpenAi(ObjectMapper json) {
        long prompt = input + cacheCreation + cacheRead;
        ObjectNode usage = json.createObjectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", output)
                .put("total_tokens", prompt + output);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
        return usage;
    }
}
