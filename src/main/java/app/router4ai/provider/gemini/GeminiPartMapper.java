package app.router4ai.provider.gemini;

import app.router4ai.provider.OpenAiContent;
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
        OpenAiContent.forEachUserPart(content, param, text -> addText(parts, text), image -> parts.add(image(image)));
        return parts;
    }

    void addText(ArrayNode parts, String text) {
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
    }

    private ObjectNode image(OpenAiContent.Image image) {
        ObjectNode part = json.createObjectNode();
        switch (image) {
            case OpenAiContent.Image.Inline inline -> part.putObject("inlineData")
                    .put("mimeType", inline.mediaType()).put("data", inline.data());
            case OpenAiContent.Image.Remote remote -> part.putObject("fileData")
                    .put("mimeType", imageType(remote.url())).put("fileUri", remote.url());
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
