package app.router4ai.moderations;

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
 * Reads {@code POST /v1/moderations}: {@code input} required, {@code model} optional (OpenAI's default,
 * {@value #DEFAULT_MODEL}, which the catalog must list). Passed to OpenAI as sent.
 */
@Component
public class ModerationsRequestParser implements Processor {

    static final String DEFAULT_MODEL = "omni-moderation-latest";

    private final ObjectMapper json;
    private final RequestLimits limits;

    public ModerationsRequestParser(ObjectMapper json, RequestLimits limits) {
        this.json = json;
        this.limits = limits;
    }

    @Override
    public void process(Exchange exchange) {
        ObjectNode request = JsonRequest.read(exchange.getMessage(), limits, json, "'input'");
        JsonNode input = request.get("input");
        if (input == null || input.isNull() || !(input.isTextual() || input.isArray() && !input.isEmpty())) {
            throw ApiError.invalidRequest("input", "'input' must be a string, an array of strings, or an array of content parts.");
        }
        if (!request.hasNonNull("model")) {
            request.put("model", DEFAULT_MODEL);
        }
        ApiCall.of(exchange).parsed(request, JsonRequest.model(request), false, false);
    }
}
