package app.router4ai.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Claude's thinking blocks in an OpenAI-format message, as OpenRouter carries them: {@code reasoning_details}, a
 * list of {@code {type: "reasoning.text", text, signature, format, index}} (a thinking block) and
 * {@code {type: "reasoning.encrypted", data, format, index}} (a redacted_thinking block). A client that sends the
 * assistant message back as it got it (the OpenAI SDKs keep unknown fields) gives Anthropic its thinking unchanged,
 * which Anthropic requires in a tool-use turn. Streamed, the same items arrive in pieces sharing an index; they are
 * joined by index here. LiteLLM's {@code thinking_blocks} (Anthropic's own blocks) are taken too.
 */
final class AnthropicReasoningDetails {

    static final String FIELD = "reasoning_details";
    static final String FORMAT = "anthropic-claude-v1";
    static final String TEXT = "reasoning.text";
    static final String ENCRYPTED = "reasoning.encrypted";

    private AnthropicReasoningDetails() {
    }

    /** A thinking block as a detail ({@code index}: its place among the answer's thinking blocks). */
    static ObjectNode detail(ObjectMapper json, JsonNode block, int index) {
        ObjectNode detail = json.createObjectNode();
        if ("redacted_thinking".equals(block.path("type").asText())) {
            detail.put("type", ENCRYPTED).put("data", block.path("data").asText());
        } else {
            detail.put("type", TEXT).put("text", block.path("thinking").asText());
            if (block.hasNonNull("signature")) {
                detail.put("signature", block.get("signature").asText());
            }
        }
        return detail.put("format", FORMAT).put("index", index);
    }

    /** The thinking blocks an assistant message carries back; empty when it carries none Anthropic could verify. */
    static ArrayNode thinkingBlocks(ObjectMapper json, JsonNode message) {
        ArrayNode blocks = json.createArrayNode();
        JsonNode own = message.path("thinking_blocks");
        if (own.isArray()) {
            own.forEach(block -> {
                if (block.path("type").asText().matches("thinking|redacted_thinking")) {
                    blocks.add(block);
                }
            });
            return blocks;
        }
        Map<Integer, ObjectNode> joined = new TreeMap<>();
        JsonNode details = message.path(FIELD);
        for (int i = 0; i < details.size(); i++) {
            JsonNode detail = details.get(i);
            String format = detail.path("format").asText(FORMAT);
            if (!format.equals(FORMAT)) {
                continue;   // another provider's reasoning: Claude can neither read nor verify it
            }
            ObjectNode piece = joined.computeIfAbsent(detail.path("index").asInt(i), k -> json.createObjectNode());
            switch (detail.path("type").asText()) {
                case TEXT -> {
                    piece.put("type", "thinking");
                    piece.put("thinking", piece.path("thinking").asText("") + detail.path("text").asText(""));
                    if (detail.hasNonNull("signature")) {
                        piece.put("signature", piece.path("signature").asText("") + detail.get("signature").asText());
                    }
                }
                case ENCRYPTED -> piece.put("type", "redacted_thinking")
                        .put("data", piece.path("data").asText("") + detail.path("data").asText(""));
                default -> {
                    // summaries: nothing Anthropic takes back
                }
            }
        }
        for (ObjectNode block : joined.values()) {
            // unsigned thinking would be refused: only what Claude signed goes back
            if (block.has("signature") || block.has("data")) {
                blocks.add(block);
            }
        }
        return blocks;
    }
}
