package app.router4ai.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Exactly what goes to a provider: URL, the allow-listed headers, and the body. */
public record UpstreamRequest(String url, Map<String, String> headers, byte[] body) {

    /** A JSON body; a tree we built ourselves always serialises, so failing to is a bug, not a request error. */
    public static UpstreamRequest ofJson(ObjectMapper json, String url, Map<String, String> headers, JsonNode body) {
        try {
            return new UpstreamRequest(url, headers, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code Accept} header: an event stream when streaming, else one JSON body. */
    public static String accept(boolean stream) {
        return stream ? "text/event-stream" : "application/json";
    }
}
