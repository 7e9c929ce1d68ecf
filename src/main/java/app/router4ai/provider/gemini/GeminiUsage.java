package app.router4ai.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Gemini {@code usageMetadata} as OpenAI usage. promptTokenCount already includes cached tokens
 * (reported apart as cachedContentTokenCount); tool-use prompt tokens are prompt tokens too. Thinking
 * tokens are billed as output, so completion = candidates + thoughts, with the thoughts as reasoning_tokens.
 * The total is recomputed as prompt + completion so that the three figures always agree.
 */
final class GeminiUsage {

    private GeminiUsage() {
    }

    static ObjectNode toOpenAi(ObjectMapper json, JsonNode metadata) {
        JsonNode m = metadata == null ? json.createObjectNode() : metadata;
        long prompt = m.path("promptTokenCount").asLong(0) + m.path("toolUsePromptTokenCount").asLong(0);
        long thoughts = m.path("thoughtsTokenCount").asLong(0);
        long completion = m.path("candidatesTokenCount").asLong(0) + thoughts;
        ObjectNode usage = json.createObjectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", m.path("cachedContentTokenCount").asLong(0));
        usage.putObject("completion_tokens_details").put("reasoning_tokens", thoughts);
        return usage;
    }
}
