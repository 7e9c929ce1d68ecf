package app.router4ai.embeddings;

import app.router4ai.api.ApiError;
import app.router4ai.api.JsonRequest;
import app.router4ai.call.ApiCall;
import app.router4ai.chat.RequestLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Reads {@code POST /v1/embeddings}: {@code input} as a string, a list of strings, a token array or a list of
 * token arrays (at most {@value #MAX_INPUTS}, as OpenAI allows), {@code encoding_format} float or base64,
 * {@code dimensions}. Providers are always asked for floats: the canonical request says {@code float}, so a
 * float and a base64 request share one cache entry, and {@link EmbeddingsFormat} encodes for the client.
 */
@Component
public class EmbeddingsRequestParser implements Processor {

    static final int MAX_INPUTS = 2048;

    private final ObjectMapper json;
    private final RequestLimits limits;

    public EmbeddingsRequestParser(ObjectMapper json, RequestLimits limits) {
        this.json = json;
        this.limits = limits;
    }

    @Override
    public void process(Exchange exchange) {
        ObjectNode body = JsonRequest.read(exchange.getMessage(), limits, json, "'model' and 'input'");
        String model = JsonRequest.model(body);
        checkInput(body.get("input"));
        String format = body.path("encoding_format").asText("float");
        if (body.hasNonNull("encoding_format") && !(format.equals("float") || format.equals("base64"))) {
            throw ApiError.invalidRequest("encoding_format", "'encoding_format' must be 'float' or 'base64'.");
        }
        JsonNode dimensions = body.get("dimensions");
        if (dimensions != null && !dimensions.isNull() && (!dimensions.canConvertToInt() || !dimensions.isIntegralNumber()
                || dimensions.asInt() < 1)) {
            throw ApiError.invalidRequest("dimensions", "'dimensions' must be a positive integer.");
        }
        ObjectNode canonical = body.deepCopy();
        canonical.put("encoding_format", "float");
        ApiCall call = ApiCall.of(exchange);
        call.parsed(canonical, model, false, false);
        call.clientBody(body);
    }

    private static void checkInput(JsonNode input) {
        if (input == null || input.isNull()) {
            throw ApiError.invalidRequest("input", "You must provide an 'input' to embed.");
        }
        if (input.isTextual()) {
            requireText(input, "input");
            return;
        }
        if (!input.isArray() || input.isEmpty()) {
            throw ApiError.invalidRequest("input", "'input' must be a string, an array of strings, or an array of token arrays.");
        }
        if (input.size() > MAX_INPUTS) {
            throw ApiError.invalidRequest("input", "'input' holds " + input.size() + " items; at most " + MAX_INPUTS + " are allowed.");
        }
        if (input.get(0).isIntegralNumber()) {
            tokens(input, "input");
            return;
        }
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (item.isTextual()) {
                requireText(item, "input[" + i + "]");
            } else if (item.isArray() && !item.isEmpty()) {
                tokens(item, "input[" + i + "]");
            } else {
                throw ApiError.invalidRequest("input[" + i + "]", "Each input must be a non-empty string or token array.");
            }
        }
    }

    private static void requireText(JsonNode text, String param) {
        if (text.asText().isEmpty()) {
            throw ApiError.invalidRequest(param, "'" + param + "' cannot be an empty string.");
        }
    }

    private static void tokens(JsonNode array, String param) {
        for (JsonNode token : array) {
            if (!token.isIntegralNumber() || token.asLong() < 0) {
                throw ApiError.invalidRequest(param, "A token array must hold non-negative integers only.");
            }
        }
    }
}
