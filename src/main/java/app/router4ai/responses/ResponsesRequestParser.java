package app.router4ai.responses;

import app.router4ai.api.ApiError;
import app.router4ai.api.JsonRequest;
import app.router4ai.call.ApiCall;
import app.router4ai.chat.RequestLimits;
import app.router4ai.routing.CatalogModel;
import app.router4ai.routing.ModelCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Reads {@code POST /v1/responses} into the canonical chat request every provider is called with:
 * {@code instructions} as the system prompt, the previous response's conversation ({@code previous_response_id}),
 * the input items ({@link ResponsesInput}), function tools ({@link ResponsesTools}), {@code text.format} as
 * {@code response_format}, {@code max_output_tokens}, sampling, {@code reasoning.effort} for models that have it.
 * Settings with no chat equivalent that clients send anyway (Codex: {@code include}, {@code reasoning.summary},
 * {@code prompt_cache_key}, {@code client_metadata}; {@code store}, {@code metadata}, {@code truncation}) are
 * not forwarded; features that need OpenAI's own state ({@code background}, {@code conversation}, {@code prompt})
 * are refused. Bad input is refused here, before any provider is called.
 */
@Component
public class ResponsesRequestParser implements Processor {

    /** The header naming the client's tools that were left out because no provider here runs them. */
    public static final String OMITTED_TOOLS_HEADER = "x-ram-tools-omitted";

    private static final List<String> UNSUPPORTED = List.of("background", "conversation", "prompt");

    private final ObjectMapper json;
    private final RequestLimits limits;
    private final ResponseStore store;
    private final ResponsesSettings settings;
    private final ModelCatalog catalog;

    public ResponsesRequestParser(ObjectMapper json, RequestLimits limits, ResponseStore store, ResponsesSettings settings,
                                  ModelCatalog catalog) {
        this.json = json;
        this.limits = limits;
        this.store = store;
        this.settings = settings;
        this.catalog = catalog;
    }

    @Override
    public void process(Exchange exchange) {
        ApiCall call = ApiCall.of(exchange);
        ObjectNode body = JsonRequest.read(exchange.getMessage(), limits, json, "'model' and 'input'");
        String model = JsonRequest.model(body);
        boolean stream = JsonRequest.stream(body);
        for (String field : UNSUPPORTED) {
            if (body.hasNonNull(field) && !(field.equals("background") && !body.get(field).asBoolean())) {
                throw ApiError.invalidRequest(field, "'" + field + "' is not supported by this router.");
            }
        }
        ArrayNode previous = previousConversation(body, call.caller().tenantId());
        ResponsesTools tools = ResponsesTools.of(body.get("tools"), json);
        ResponsesInput input = ResponsesInput.read(body.get("input"), previous, tools, json);
        ArrayNode history = previous.deepCopy();
        history.addAll(input.messages());
        if (history.isEmpty()) {
            throw ApiError.invalidRequest("input", "You must provide an 'input'.");
        }
        String instructions = optionalText(body, "instructions");
        checkLength(history, instructions);

        ObjectNode chat = json.createObjectNode().put("model", model);
        ArrayNode messages = chat.putArray("messages");
        if (instructions != null && !instructions.isEmpty()) {
            messages.addObject().put("role", "system").put("content", instructions);
        }
        messages.addAll(history);
        if (stream) {
            chat.put("stream", true);
        }
        copyNumber(body, "temperature", chat, "temperature");
        copyNumber(body, "top_p", chat, "top_p");
        copyPositiveInt(body, "max_output_tokens", chat, "max_completion_tokens");
        if (!tools.chatTools().isEmpty()) {
            chat.set("tools", tools.chatTools());
            JsonNode choice = tools.toolChoice(body.get("tool_choice"), json);
            if (choice != null) {
                chat.set("tool_choice", choice);
            }
            if (body.hasNonNull("parallel_tool_calls")) {
                requireBoolean(body, "parallel_tool_calls");
                chat.set("parallel_tool_calls", body.get("parallel_tool_calls"));
            }
        }
        JsonNode format = ResponseEcho.responseFormat(body.path("text").path("format"), json);
        if (format != null) {
            chat.set("response_format", format);
        }
        String effort = body.path("reasoning").path("effort").asText(null);
        boolean reasons = effort != null && catalogModel(model).map(m -> m.reasoning().reasons()).orElse(false);
        if (reasons) {
            chat.put("reasoning_effort", effort);
        }
        if (body.hasNonNull("user")) {
            chat.set("user", body.get("user"));
        }
        checkMetadata(body.get("metadata"));

        boolean keep = !body.has("store") || body.get("store").isNull() || body.get("store").asBoolean(true);
        ResponsesRequest request = new ResponsesRequest(ResponseIds.response(), System.currentTimeMillis() / 1000,
                ResponseEcho.of(body, instructions, reasons ? effort : null, keep, json), input.items(), history, keep, Map.copyOf(tools.names()));
        call.parsed(chat, model, stream, stream);
        call.clientBody(body);
        call.surfaceRequest(request);
        if (!tools.omitted().isEmpty()) {
            call.answerHeader(OMITTED_TOOLS_HEADER, String.join(", ", tools.omitted()));
        }
    }

    /** The conversation of {@code previous_response_id} (empty without one); an unknown id is OpenAI's 400. */
    private ArrayNode previousConversation(ObjectNode body, String tenantId) {
        JsonNode previous = body.get("previous_response_id");
        if (previous == null || previous.isNull()) {
            return json.createArrayNode();
        }
        if (!previous.isTextual() || previous.asText().isBlank()) {
            throw ApiError.invalidRequest("previous_response_id", "'previous_response_id' must be a response id.");
        }
        return store.find(tenantId, previous.asText()).map(ResponseStore.Stored::history)
                .orElseThrow(() -> new ApiError(400, "invalid_request_error", "previous_response_not_found", "previous_response_id",
                        "Previous response with id '" + previous.asText() + "' not found.", null));
    }

    private void checkLength(ArrayNode history, String instructions) {
        long chars = (instructions == null ? 0 : instructions.length());
        for (JsonNode message : history) {
            chars += message.path("content").isTextual() ? message.get("content").asText().length() : message.path("content").toString().length();
            chars += message.path("tool_calls").toString().length();
        }
        if (chars > settings.maxInputChars()) {
            throw new ApiError(400, "invalid_request_error", "string_above_max_length", "input",
                    "The input (with the previous responses' conversation) is " + chars + " characters long; at most "
                            + settings.maxInputChars() + " are allowed.", null);
        }
    }

    private java.util.Optional<CatalogModel> catalogModel(String requested) {
        int colon = requested.indexOf(':');
        return catalog.find(colon > 0 ? requested.substring(colon + 1) : requested);
    }

    private static String optionalText(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.invalidRequest(field, "'" + field + "' must be a string.");
        }
        return value.asText();
    }

    private static void copyNumber(ObjectNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber()) {
            throw ApiError.invalidRequest(field, "'" + field + "' must be a number.");
        }
        to.set(as, value);
    }

    private static void copyPositiveInt(ObjectNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1) {
            throw ApiError.invalidRequest(field, "'" + field + "' must be a positive integer.");
        }
        to.set(as, value);
    }

    private static void requireBoolean(ObjectNode body, String field) {
        if (!body.get(field).isBoolean()) {
            throw ApiError.invalidRequest(field, "'" + field + "' must be a boolean.");
        }
    }

    private static void checkMetadata(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return;
        }
        if (!metadata.isObject() || metadata.size() > 16) {
            throw ApiError.invalidRequest("metadata", "'metadata' must be an object of at most 16 string values.");
        }
        metadata.fields().forEachRemaining(entry -> {
            if (entry.getKey().length() > 64 || !entry.getValue().isTextual() || entry.getValue().asText().length() > 512) {
                throw ApiError.invalidRequest("metadata", "metadata keys are at most 64 characters, values strings of at most 512.");
            }
        });
    }
}
