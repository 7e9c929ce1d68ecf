package app.router4ai.provider.gemini;

import app.router4ai.provider.UnsupportedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** OpenAI message content (a string or an array of parts) as Gemini parts. */
final class GeminiPartMapper {

    /**
     * fileData needs a mimeType and an OpenAI image URL carries none: it is guessed from the URL's
     * extension, JPEG when there is no known one.
     */
    private static final Map<String, String> IMAGE_TYPES = Map.of(
            "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "webp", "image/webp",
            "gif", "image/gif", "heic", "image/heic", "heif", "image/heif");
    static final String DEFAULT_IMAGE_TYPE = "image/jpeg";

    private final ObjectMapper json;

    GeminiPartMapper(ObjectMapper json) {
        this.json = json;
    }

    /** Parts for a user message: text, inlineData (data URLs) and fileData (http(s) URLs). */
    ArrayNode userParts(JsonNode content, String param) {
        ArrayNode parts = json.createArrayNode();
        if (content == null || content.isNull()) {
            return parts;
        }
        if (content.isTextual()) {
            addText(parts, content.asText());
            return parts;
        }
        if (!content.isArray()) {
            throw new UnsupportedRequest(param, "Message content must be a string or an array of content parts.");
        }
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String type = part.path("type").asText();
            switch (type) {
                case "text" -> addText(parts, part.path("text").asText());
                case "image_url" -> parts.add(image(part.path("image_url").path("url").asText(), param + "[" + i + "].image_url.url"));
                default -> throw new UnsupportedRequest(param + "[" + i + "].type",
                        "Content part type '" + type + "' is not supported by this model's provider.");
            }
        }
        return parts;
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
                default -> throw new UnsupportedRequest(param + "[" + i + "].type", "Only text content parts are allowed in this message.");
            }
        }
        return text.toString();
    }

    void addText(ArrayNode parts, String text) {
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
    }

    private ObjectNode image(String url, String param) {
        ObjectNode part = json.createObjectNode();
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? "" : url.substring(5, comma);
            if (!header.endsWith(";base64")) {
                throw new UnsupportedRequest(param, "Image data URLs must be base64-encoded (data:<media type>;base64,<data>).");
            }
            part.putObject("inlineData")
                    .put("mimeType", header.substring(0, header.length() - ";base64".length()))
                    .put("data", url.substring(comma + 1));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            part.putObject("fileData").put("mimeType", imageType(url)).put("fileUri", url);
        } else {
            throw new UnsupportedRequest(param, "Image URLs must be http(s) URLs or base64 data URLs.");
        }
        return part;
    }

    static String imageType(String url) {
        String path = url.replaceFirst("[?#].*$", "");
        int dot = path.lastIndexOf('.');
        String extension = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return IMAGE_TYPES.getOrDefault(extension, DEFAULT_IMAGE_TYPE);
    }
}
