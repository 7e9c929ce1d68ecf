package app.router4ai.provider.gemini;

import app.router4ai.provider.OpenAiContent;
import app.router4ai.provider.UnsupportedRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI {@code messages} as Gemini {@code systemInstruction} parts and {@code contents}. Roles become
 * user/model; a tool result becomes a functionResponse part in a user turn, named after the function
 * of the assistant tool call it answers (Gemini matches responses by name, OpenAI by id); consecutive
 * turns of the same role are merged, in order.
 */
final class GeminiContentsMapper {

    /**
     * Gemini 3 models refuse a replayed functionCall part without the thought signature they issued
     * with it. OpenAI clients cannot carry that signature back, so replayed calls get the sentinel
     * value Google documents for history that has none ("skip_thought_signature_validator").
     */
    static final String SIGNATURE_SENTINEL = "skip_thought_signature_validator";

    record Mapped(ArrayNode systemParts, ArrayNode contents) {
    }

    private record Turn(String role, ArrayNode parts) {
    }

    private final ObjectMapper json;
    private final GeminiPartMapper parts;

    GeminiContentsMapper(ObjectMapper json) {
        this.json = json;
        this.parts = new GeminiPartMapper(json);
    }

    Mapped map(JsonNode messages, boolean signCalls) {
        ArrayNode system = json.createArrayNode();
        List<Turn> turns = new ArrayList<>();
        Map<String, String> functionNameByCallId = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String param = "messages[" + i + "]";
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" -> parts.addText(system, OpenAiContent.text(message.get("content"), param + ".content"));
                case "user" -> append(turns, "user", parts.userParts(message.get("content"), param + ".content"));
                case "assistant" -> append(turns, "model", modelParts(message, param, signCalls, functionNameByCallId));
                case "tool" -> append(turns, "user", json.createArrayNode().add(functionResponse(message, param, functionNameByCallId)));
                default -> throw new UnsupportedRequest(param + ".role", "Message role '" + role + "' is not supported by this model's provider.");
            }
        }
        ArrayNode contents = json.createArrayNode();
        turns.forEach(turn -> contents.addObject().put("role", turn.role()).set("parts", turn.parts()));
        return new Mapped(system, contents);
    }

    private ArrayNode modelParts(JsonNode message, String param, boolean signCalls, Map<String, String> names) {
        ArrayNode out = json.createArrayNode();
        parts.addText(out, OpenAiContent.text(message.get("content"), param + ".content"));
        JsonNode calls = message.path("tool_calls");
        for (int j = 0; j < calls.size(); j++) {
            JsonNode call = calls.get(j);
            String name = call.path("function").path("name").asText();
            names.put(call.path("id").asText(), name);
            ObjectNode part = out.addObject();
            part.putObject("functionCall").put("name", name)
                    .set("args", arguments(call.path("function").path("arguments").asText(""),
                            param + ".tool_calls[" + j + "].function.arguments"));
            if (signCalls) {
                part.put("thoughtSignature", SIGNATURE_SENTINEL);
            }
        }
        return out;
    }

    private ObjectNode functionResponse(JsonNode message, String param, Map<String, String> names) {
        String callId = message.path("tool_call_id").asText();
        String name = names.get(callId);
        if (name == null) {
            throw new UnsupportedRequest(param + ".tool_call_id",
                    "Tool message answers tool call '" + callId + "', which no earlier assistant message made.");
        }
        ObjectNode part = json.createObjectNode();
        part.putObject("functionResponse").put("name", name)
                .set("response", response(OpenAiContent.text(message.get("content"), param + ".content")));
        return part;
    }

    /**
     * Gemini wants the result as a JSON object: a JSON object result is passed as it is, anything else
     * (plain text, arrays, numbers) goes under {@code output}, the key Gemini documents for a function's output.
     */
    private JsonNode response(String content) {
        try {
            if (json.readTree(content) instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // plain text
        }
        return json.createObjectNode().put("output", content);
    }

    private JsonNode arguments(String arguments, String param) {
        if (arguments.isBlank()) {
            return json.createObjectNode();
        }
        try {
            if (json.readTree(arguments) instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new UnsupportedRequest(param, "Tool call arguments must be a JSON object.");
    }

    private static void append(List<Turn> turns, String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return;
        }
        if (!turns.isEmpty() && turns.getLast().role().equals(role)) {
            turns.getLast().parts().addAll(parts);
        } else {
            turns.add(new Turn(role, parts));
        }
    }
}
