package app.router4ai.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/** Reading a provider's error body for {@link WireAdapter#classify}: tolerant of anything that is not JSON. */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    /** The body's {@code error} object, or a missing node when the body is not JSON. */
    public static JsonNode error(ObjectMapper json, byte[] body) {
        try {
            return json.readTree(body).path("error");
        } catch (IOException | RuntimeException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /** A text field of the error object, lowercased ("" when absent). */
    public static String field(JsonNode error, String name) {
        return error.path(name).asText("").toLowerCase(Locale.ROOT);
    }
}
