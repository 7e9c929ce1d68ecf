package app.router4ai.api;

import app.router4ai.chat.RequestLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Message;

/**
 * The parts every API surface's parser reads the same way: the JSON object body (within the size limit),
 * {@code model} and {@code stream}, refused with the same 4xx and wording whatever the endpoint.
 */
public final class JsonRequest {

    private JsonRequest() {
    }

    /** The body as a JSON object; {@code expected} says what an empty body should have held. */
    public static ObjectNode read(Message message, RequestLimits limits, ObjectMapper json, String expected) {
        byte[] body = RequestBody.read(message, limits.maxBodyBytes());
        if (body == null || body.length == 0) {
            throw ApiError.invalidRequest(null, "The request body is empty: send a JSON object with " + expected + ".");
        }
        if (body.length > limits.maxBodyBytes()) {
            throw limits.tooLarge();
        }
        try {
            JsonNode node = StrictJson.read(json, body);   // nothing after the object, no infinite numbers
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw ApiError.invalidRequest(null, "We could not parse the JSON body of your request: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiError.invalidRequest(null, "We could not read the body of your request.");
        }
        throw ApiError.invalidRequest(null, "The request body must be a JSON object.");
    }

    /** The {@code model} field, which must be a non-blank string. */
    public static String model(ObjectNode request) {
        JsonNode model = request.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw ApiError.invalidRequest("model", "You must provide a model parameter.");
        }
        return model.asText();
    }

    /** The {@code stream} flag: absent or null is false, anything but a boolean is refused. */
    public static boolean stream(ObjectNode request) {
        JsonNode stream = request.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw ApiError.invalidRequest("stream", "'stream' must be a boolean.");
        }
        return stream != null && stream.asBoolean(false);
    }
}
