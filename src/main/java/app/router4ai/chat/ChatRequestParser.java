package app.router4ai.chat;

import app.router4ai.api.ApiError;
import app.router4ai.api.RequestBody;
import app.router4ai.api.StrictJson;
import app.router4ai.call.ApiCall;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Reads the client's JSON body. Every field is kept as sent (it is forwarded faithfully); only the
 * fields the router itself needs are checked: {@code model}, {@code messages}, {@code stream}.
 */
@Component
public class ChatRequestParser implements Processor {

    private final ObjectMapper json;
    private final RequestLimits limits;
    private final ChatParameterCheck parameters;

    public ChatRequestParser(ObjectMapper json, RequestLimits limits, ChatParameterCheck parameters) {
        this.json = json;
        this.limits = limits;
        this.parameters = parameters;
    }

    @Override
    public void process(Exchange exchange) {
        byte[] body = RequestBody.read(exchange.getMessage(), limits.maxBodyBytes());
        if (body == null || body.length == 0) {
            throw ApiError.invalidRequest(null, "The request body is empty: send a JSON object with 'model' and 'messages'.");
        }
        if (body.length > limits.maxBodyBytes()) {
            throw limits.tooLarge();
        }
        ObjectNode request = parse(body);
        JsonNode model = request.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw ApiError.invalidRequest("model", "You must provide a model parameter.");
        }
        JsonNode messages = request.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiError.invalidRequest("messages", "'messages' must be a non-empty array of message objects.");
        }
        JsonNode stream = request.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw ApiError.invalidRequest("stream", "'stream' must be a boolean.");
        }
        parameters.check(request);   // sampling parameters and tools in OpenAI's ranges, for every provider
        boolean streaming = stream != null && stream.asBoolean(false);
        boolean wantsUsage = streaming && request.path("stream_options").path("include_usage").asBoolean(false);
        ApiCall.of(exchange).parsed(request, model.asText(), streaming, wantsUsage);
    }

    private ObjectNode parse(byte[] body) {
        try {
            JsonNode node = StrictJson.read(json, body);   // nothing after the object, no infinite numbers
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw ApiError.invalidRequest(null, "We could not parse the JSON body of your request: "
                    + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiError.invalidRequest(null, "We could not read the body of your request.");
        }
        throw ApiError.invalidRequest(null, "The request body must be a JSON object.");
    }
}
