package app.router4ai.messages;

import app.router4ai.api.ApiError;
import app.router4ai.api.StrictJson;
import app.router4ai.api.RequestBody;
import app.router4ai.call.ApiCall;
import app.router4ai.chat.RequestLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Reads an Anthropic Messages body ({@code /v1/messages}, and {@code /v1/messages/count_tokens}, which takes
 * no {@code max_tokens}). Only what the router needs is checked, with Anthropic's wording: {@code model},
 * {@code messages}, {@code max_tokens}, {@code stream}. The body is kept as it came, bytes and all, for a
 * provider that speaks Anthropic's format, and translated into the canonical chat request for the others;
 * {@code anthropic-version} and {@code anthropic-beta} are kept to forward.
 */
@Component
public class MessagesRequestParser implements Processor {

    static final String VERSION = "anthropic-version";
    static final String BETA = "anthropic-beta";
    static final String COUNT_TOKENS = "/count_tokens";

    private final ObjectMapper json;
    private final RequestLimits limits;
    private final MessagesToChat toChat;

    public MessagesRequestParser(ObjectMapper json, RequestLimits limits) {
        this.json = json;
        this.limits = limits;
        this.toChat = new MessagesToChat(json);
    }

    @Override
    public void process(Exchange exchange) {
        ApiCall call = ApiCall.of(exchange);
        Message message = exchange.getMessage();
        byte[] bytes = RequestBody.read(message, limits.maxBodyBytes());
        if (bytes == null || bytes.length == 0) {
            throw invalid("The request body is empty: send a JSON object with model, max_tokens and messages.");
        }
        if (bytes.length > limits.maxBodyBytes()) {
            throw limits.tooLarge();
        }
        ObjectNode body = parse(bytes);
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw invalid("model: Field required");
        }
        if (!body.path("messages").isArray()) {
            throw invalid("messages: Field required");
        }
        JsonNode maxTokens = body.get("max_tokens");
        boolean counting = call.path().endsWith(COUNT_TOKENS);
        if (!counting && (maxTokens == null || !maxTokens.canConvertToInt() || maxTokens.asInt() < 1)) {
            throw invalid(maxTokens == null ? "max_tokens: Field required" : "max_tokens: Input should be a positive integer");
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw invalid("stream: Input should be a valid boolean");
        }
        MessagesToChat.Translated translated = toChat.translate(body);
        call.parsed(translated.request(), model.asText(), !counting && stream != null && stream.asBoolean(false), true);
        call.clientBody(body, bytes);
        call.untranslatable(translated.problem());
        forward(message, VERSION, call);
        forward(message, BETA, call);
    }

    private static void forward(Message message, String header, ApiCall call) {
        Object raw = message.getHeader(header);
        // a header sent several times arrives as a list; Anthropic takes the values comma-separated
        String value = raw instanceof java.util.Collection<?> values
                ? String.join(",", values.stream().map(String::valueOf).toList()) : raw == null ? null : raw.toString();
        if (value != null && !value.isBlank()) {
            call.forwardHeader(header, value);
        }
    }

    private ObjectNode parse(byte[] bytes) {
        try {
            if (StrictJson.read(json, bytes) instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw invalid("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("The request body could not be read.");
        }
        throw invalid("The request body must be a JSON object.");
    }

    private static ApiError invalid(String message) {
        return ApiError.invalidRequest(null, message);
    }
}
