package app.router4ai.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/**
 * Reading an OpenAI message's {@code content} (a string or an array of content parts) the same way
 * for every non-OpenAI wire format, so that what is accepted, and the {@code param} named when it is
 * not, cannot drift between providers. Only the building of the provider's own parts is left to them.
 */
public final class OpenAiContent {

    private static final String BASE64 = ";base64";

    private OpenAiContent() {
    }

    /** Where an {@code image_url} part points: inline base64 data, or an http(s) URL the provider fetches. */
    public sealed interface Image {

        record Inline(String mediaType, String data) implements Image {
        }

        record Remote(String url) implements Image {
        }
    }

    /**
     * Walks a user message's content in order: text (a plain string is one text part) and images.
     * Null content has no parts; any other part type is refused, naming {@code param[i].type}.
     */
    public static void forEachUserPart(JsonNode content, String param, Consumer<String> text, Consumer<Image> image) {
        if (content == null || content.isNull()) {
            return;
        }
        if (content.isTextual()) {
            text.accept(content.asText());
            return;
        }
        requireArray(content, param);
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String type = part.path("type").asText();
            switch (type) {
                case "text" -> text.accept(part.path("text").asText());
                case "image_url" -> image.accept(image(part.path("image_url").path("url").asText(), param + "[" + i + "].image_url.url"));
                default -> throw new UnsupportedRequest(param + "[" + i + "].type",
                        "Content part type '" + type + "' is not supported by this model's provider.");
            }
        }
    }

    /** The text of system, developer, assistant and tool content: text (and refusal) parts joined. */
    public static String text(JsonNode content, String param) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        requireArray(content, param);
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

    /**
     * An image URL as the providers can take it: {@code data:<media type>;base64,<data>} or http(s).
     * Other data URLs (not base64) and other schemes are refused rather than passed on to fail upstream.
     */
    public static Image image(String url, String param) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? "" : url.substring(5, comma);
            if (!header.endsWith(BASE64)) {
                throw new UnsupportedRequest(param, "Image data URLs must be base64-encoded (data:<media type>;base64,<data>).");
            }
            return new Image.Inline(header.substring(0, header.length() - BASE64.length()), url.substring(comma + 1));
        }
        if (url.startsWith("https://") || url.startsWith("http://")) {
            return new Image.Remote(url);
        }
        throw new UnsupportedRequest(param, "Image URLs must be http(s) URLs or base64 data URLs.");
    }

    private static void requireArray(JsonNode content, String param) {
        if (!content.isArray()) {
            throw new UnsupportedRequest(param, "Message content must be a string or an array of content parts.");
        }
    }
}
