package app.router4ai.provider.anthropic;

import app.router4ai.provider.UnsupportedRequest;
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
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            addText(blocks, content.asText());
            return blocks;
        }
        if (!content.isArray()) {
            throw new UnsupportedRequest(param, "Message content must be a string or an array of content parts.");
        }
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String type = part.path("type").asText();
            switch (type) {
                case "text" -> addText(blocks, part.path("text").asText());
                case "image_url" -> blocks.add(image(part.path("image_url").path("url").asText(), param + "[" + i + "].image_url.url"));
                default -> throw new UnsupportedRequest(param + "[" + i + "].type",
                        "Content part type '" + type + "' is not supported by this model's provider.");
            }
        }
        return blocks;
    }

    /** The text of system, developer, assistant and tool content: text (and refusal) parts joined. */
    static String text(JsonNode content, String param) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw new UnsupportedRequest(param, "Message content must be a string or an array of content parts.");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            switch (part.path("type").asText()) {
                case "text" -> text.append(part.path("text").asText());
                case "refusal" -> text.append(part.path("refusal").asText());
                default -> throw new UnsupportedRequest(param + "[" + i + "].type",
                        "Only text content parts are allowed in this message.");
            }
        }
        return text.toString();
    }

    void addText(ArrayNode blocks, String text) {
        if (!text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
    }

    /** {@code data:<media type>;base64,<data>} becomes a base64 source; http(s) URLs a url source Anthropic fetches itself. */
    private ObjectNode image(String url, String param) {
        ObjectNode block = json.createObjectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? "" : url.substring(5, comma);
            if (!header.endsWith(";base64")) {
                throw new UnsupportedRequest(param, "Image data URLs must be base64-encoded (data:<media type>;base64,<data>).");
            }
            source.put("type", "base64")
                    .put("media_type", header.substring(0, header.length() - ";base64".length()))
                    .put("data", url.substring(comma + 1));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            source.put("type", "url").put("url", url);
        } else {
            throw new UnsupportedRequest(param, "Image URLs must be http(s) URLs or base64 data URLs.");
        }
        return block;
    }
}
