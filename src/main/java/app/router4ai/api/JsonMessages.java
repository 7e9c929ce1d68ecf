package app.router4ai.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Reading a JSON object from, and writing a JSON answer to, the message of an API route (admin, usage, models). */
public final class JsonMessages {

    private JsonMessages() {
    }

    /** Admin and settings bodies are a few fields: more than this is not one of them. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    /** The body as a JSON object; an empty body is an empty object; anything else is a 400 (413 over 64 KB). */
    public static JsonNode objectBody(Message message, ObjectMapper json) {
        byte[] raw = RequestBody.read(message, MAX_BODY_BYTES);
        if (raw == null || raw.length == 0) {
            return json.createObjectNode();
        }
        if (raw.length > MAX_BODY_BYTES) {
            throw new ApiError(413, "invalid_request_error", "request_too_large", null,
                    "The request body is larger than the " + MAX_BODY_BYTES / 1024 + " KB this endpoint accepts.", null);
        }
        try {
            JsonNode node = StrictJson.read(json, raw);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            throw ApiError.invalidRequest(null, "We could not parse the JSON body of your request.");
        }
        throw ApiError.invalidRequest(null, "The request body must be a JSON object.");
    }

    /** Answers with {@code body} as JSON and only our own headers. */
    public static void reply(Message message, int status, Object body, ObjectMapper json) throws IOException {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader(Exchange.HTTP_CHUNKED, false);   // a whole body: sent with Content-Length
        message.setBody(json.writeValueAsBytes(body));
    }
}
