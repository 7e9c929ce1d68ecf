package app.router4ai.responses;

import app.router4ai.api.ApiFormat;
import app.router4ai.call.ApiCall;
import app.router4ai.call.RamBlock;
import app.router4ai.call.StreamEncoder;
import app.router4ai.call.Surface;
import app.router4ai.provider.Reasoning;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The Responses API's answers from the canonical chat completion: a {@code response} object (output items, usage,
 * status, {@code output_text}, the request's settings) with {@code _ram}, or its event stream
 * ({@link ResponsesStreamEncoder}). A response with {@code store} on is kept before the client gets it.
 */
@Component
public class ResponsesFormat implements ApiFormat {

    private final ObjectMapper json;
    private final ResponseStore store;

    public ResponsesFormat(ObjectMapper json, ResponseStore store) {
        this.json = json;
        this.store = store;
    }

    @Override
    public Surface surface() {
        return Surface.RESPONSES;
    }

    @Override
    public byte[] answer(ObjectNode completion, ApiCall call) throws IOException {
        ResponsesRequest request = call.surfaceRequest(ResponsesRequest.class);
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        String finish = choice.path("finish_reason").asText(null);
        String status = ResponseItems.status(finish);
        String text = message.path("content").asText("");
        List<ResponseItems.Call> calls = new ArrayList<>();
        for (JsonNode toolCall : message.path("tool_calls")) {
            calls.add(new ResponseItems.Call(ResponseIds.functionCall(), toolCall.path("id").asText(),
                    toolCall.path("function").path("name").asText(), toolCall.path("function").path("arguments").asText("")));
        }
        ArrayNode output = json.createArrayNode();
        if (!message.path("reasoning_content").asText("").isEmpty() && !Reasoning.excluded(call.request())) {
            output.add(ResponseItems.reasoning(json, ResponseIds.reasoning(), message.get("reasoning_content").asText()));
        }
        if (message.hasNonNull("refusal") && !message.get("refusal").asText().isEmpty()) {
            output.add(ResponseItems.message(json, ResponseIds.message(), status,
                    List.of(ResponseItems.refusal(json, message.get("refusal").asText()))));
        } else if (!text.isEmpty() || calls.isEmpty()) {
            output.add(ResponseItems.message(json, ResponseIds.message(), status, List.of(ResponseItems.outputText(json, text))));
        }
        for (ResponseItems.Call toolCall : calls) {
            output.add(ResponseItems.functionCall(json, toolCall, request.function(toolCall.flatName()), "completed"));
        }
        ObjectNode response = ResponseItems.response(json, request, model(call, completion), status, output,
                ResponseItems.usage(json, completion.path("usage")), null, ResponseItems.incompleteDetails(json, finish));
        response.put("output_text", ResponseItems.outputText(output));
        keep(call, request, response, ResponseItems.assistantMessage(json, text, calls));
        RamBlock.attach(response, call);
        return json.writeValueAsBytes(response);
    }

    @Override
    public StreamEncoder streamEncoder(ApiCall call) {
        return new ResponsesStreamEncoder(call, json, this);
    }

    /** Stores a finished response (when the request asked to), with the conversation it ends. */
    void keep(ApiCall call, ResponsesRequest request, ObjectNode response, ObjectNode answer) {
        if (request.store()) {
            ArrayNode history = request.history().deepCopy();
            history.add(answer);
            store.save(call.caller().tenantId(), response, request.inputItems(), history);
        }
    }

    static String model(ApiCall call, JsonNode completion) {
        return completion.hasNonNull("model") ? completion.get("model").asText()
                : call.answeringModel() != null ? call.answeringModel() : call.deployment().model().providerModel();
    }
}
