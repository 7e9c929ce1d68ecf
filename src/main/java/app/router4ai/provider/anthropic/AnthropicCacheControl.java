package app.router4ai.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anthropic's prompt-cache breakpoints ({@code cache_control: {type: "ephemeral", ttl?}}) from an OpenAI-format
 * request, where clients put them as Anthropic defines them (as OpenRouter and LiteLLM take them): on a content part,
 * on a whole message (the breakpoint is then its last block) and on a tool. The value is passed on unchanged.
 */
final class AnthropicCacheControl {

    static final String FIELD = "cache_control";

    private AnthropicCacheControl() {
    }

    /**
     * {@code blocks}, mapped in order from the parts of {@code content}, with each part's breakpoint on its block.
     * A part makes a block unless its text is empty (empty text blocks are dropped, Anthropic refuses them).
     */
    static ArrayNode fromParts(JsonNode content, ArrayNode blocks) {
        if (content == null || !content.isArray()) {
            return blocks;
        }
        int block = 0;
        for (JsonNode part : content) {
            boolean makesBlock = part.path("type").asText().equals("image_url")
                    || !part.path("text").asText(part.path("refusal").asText("")).isEmpty();
            if (!makesBlock) {
                continue;
            }
            if (part.get(FIELD) instanceof ObjectNode mark && block < blocks.size()) {
                ((ObjectNode) blocks.get(block)).set(FIELD, mark);
            }
            block++;
        }
        return blocks;
    }

    /** {@code blocks} with the message's own breakpoint, if it has one, on the last of them. */
    static ArrayNode marked(ArrayNode blocks, JsonNode message) {
        if (message.get(FIELD) instanceof ObjectNode mark && !blocks.isEmpty()) {
            ((ObjectNode) blocks.get(blocks.size() - 1)).set(FIELD, mark);
        }
        return blocks;
    }

    /** A tool's breakpoint onto the Anthropic tool definition. */
    static void copy(JsonNode tool, ObjectNode mapped) {
        if (tool.get(FIELD) instanceof ObjectNode mark) {
            mapped.set(FIELD, mark);
        }
    }

    static boolean anyMarked(ArrayNode blocks) {
        for (JsonNode block : blocks) {
            if (block.has(FIELD)) {
                return true;
            }
        }
        return false;
    }
}
