package app.router4ai.completions;

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
 * Reads OpenAI's legacy {@code POST /v1/completions}: {@code model}, {@code prompt} (a string, strings or token
 * arrays), {@code stream}. The body goes to the provider as sent (it is already the canonical form of this
 * operation), which only OpenAI-format providers speak.
 */
@Component
public class CompletionsRequestParser implements Processor {

    private final ObjectMapper json;
    private final RequestLimits limits;

    public CompletionsRequestParser(ObjectMapper json, RequestLimits limits) {
        this.json = json;
        this.limits = limits;
    }

    @Override
    public void process(Exchange exchange) {
        ObjectNode request = JsonRequest.read(exchange.getMessage(), limits, json, "'model' and 'prompt'");
        String model = JsonRequest.model(request);
        JsonNode prompt = request.get("prompt");
        if (prompt == null || prompt.isNull() || !(prompt.isTextual() || prompt.isArray() && !prompt.isEmpty())) {
            throw ApiError.invalidRequest("prompt", "'prompt' must be a string, an array of strings, or token arrays.");
        }
        boolean streaming = JsonRequest.stream(request);
        boolean wantsUsage = streaming && request.path("stream_options").path("include_usage").asBoolean(false);
        ApiCall.of(exchange).parsed(request, model, streaming, wantsUsage);
    }
}
