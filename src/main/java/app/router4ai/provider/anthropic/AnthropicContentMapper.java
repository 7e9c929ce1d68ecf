package app.router4ai.provider.anthropic;

import app.router4ai.provider.OpenAiContent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI message content (a string or an array of parts) as Anthropic content blocks. */
final class AnthropicContentMapper {

    private final ObjectMapper json;

    AnthropicContentMapper(ObjectMapper json) {
        this.json = json;
    }

    /** Blocks for a user message: text and images. Empty text is dropped: Anthropic rejects empty text blocks. */
    ArrayNode userBlocks(JsonNode content, String param) {
        ArrayNode blocks = json.createArrayNode();
        OpenAiContent.forEachUserPart(content, param, text -> addText(blocks, text), image -> blocks.add(image(image)));
        return AnthropicCacheControl.fromParts(content, blocks);
    }

    /**
     * Blocks for system content, one text block per text part, so that a part marked for the prompt cache keeps its
     * place ({@link AnthropicCacheControl}); a plain string is one block.
     */
    ArrayNode textBlocks(JsonNode content, String param) {
        ArrayNode blocks = json.createArrayNode();
        if (content != null && content.isArray()) {
            for (int i = 0; i < content.size(); i++) {
                addText(blocks, OpenAiContent.text(json.createArrayNode().add(content.get(i)), param + "[" + i + "]"));
            }
        } else {
            addText(blocks, OpenAiContent.text(content, param));
        }
        return AnthropicCacheControl.fromParts(content, blocks);
    }

    void addText(ArrayNode blocks, String text) {
        if (!text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
    }

    /** Inline data becomes a base64 source; an http(s) URL a url source Anthropic fetches itself. */
    private ObjectNode image(OpenAiContent.Image image) {
        ObjectNode block = json.createObjectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        switch (image) {
            case OpenAiContent.Image.Inline inline -> source.put("type", "base64")
                    .put("media_type", inline.mediaType()).put("data", inline.data());
            case OpenAiContent.Image.Remote remote -> source.put("type", "url").put("url", remote.url());
        }
        return block;
    }
}
