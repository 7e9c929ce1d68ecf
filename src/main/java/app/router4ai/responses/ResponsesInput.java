package app.router4ai.responses;

import app.router4ai.api.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/**
 * The Responses API's {@code input} (a string, or a list of items) as chat-completions messages:
 * <ul>
 *   <li>messages (with or without {@code type: "message"}): user content parts {@code input_text} and
 *       {@code input_image}; system and developer messages become system messages; assistant text
 *       ({@code output_text}, {@code refusal}) becomes assistant content;</li>
 *   <li>{@code function_call} items become the assistant's {@code tool_calls} (consecutive ones in one assistant
 *       message), {@code function_call_output} items tool messages; an output whose call is neither earlier in the
 *       input nor in the previous response is refused;</li>
 *   <li>items only OpenAI's own tools produce ({@code reasoning}, web search calls, ...) are left out: nothing
 *       here can replay them. Any other type is refused.</li>
 * </ul>
 * It also gives each input item an id (kept when the client sent one), as {@code /input_items} lists them.
 */
final class ResponsesInput {

    /** Items a client replays from OpenAI's own tools; no provider here understands them, so they are skipped. */
    private static final Set<String> SKIPPED = Set.of("reasoning", "web_search_call", "file_search_call",
            "image_generation_call", "code_interpreter_call", "mcp_list_tools", "mcp_call", "mcp_approval_request",
            "mcp_approval_response", "compaction", "tool_search_call", "tool_search_output");

    private final ObjectMapper json;
    private final ResponsesTools tools;
    private final Set<String> knownCalls;
    private final ArrayNode messages;
    private final ArrayNode items;

    private ResponsesInput(ObjectMapper json, ResponsesTools tools, Set<String> knownCalls) {
        this.json = json;
        this.tools = tools;
        this.knownCalls = knownCalls;
        this.messages = json.createArrayNode();
        this.items = json.createArrayNode();
    }

    /** The input read against the previous response's conversation ({@code history}, chat messages). */
    static ResponsesInput read(JsonNode input, ArrayNode history, ResponsesTools tools, ObjectMapper json) {
        Set<String> calls = new HashSet<>();
        for (JsonNode message : history) {
            message.path("tool_calls").forEach(call -> calls.add(call.path("id").asText()));
        }
        ResponsesInput out = new ResponsesInput(json, tools, calls);
        if (input == null || input.isNull()) {
            return out;
        }
        if (input.isTextual()) {
            out.messages.addObject().put("role", "user").put("content", input.asText());
            ObjectNode item = out.items.addObject().put("type", "message").put("id", ResponseIds.message())
                    .put("status", "completed").put("role", "user");
            item.putArray("content").addObject().put("type", "input_text").put("text", input.asText());
            return out;
        }
        if (!input.isArray()) {
            throw ApiError.invalidRequest("input", "'input' must be a string or an array of input items.");
        }
        for (int i = 0; i < input.size(); i++) {
            out.item(input.get(i), "input[" + i + "]");
        }
        return out;
    }

    /** The chat messages of this input, in order. */
    ArrayNode messages() {
        return messages;
    }

    /** The input items with their ids. */
    ArrayNode items() {
        return items;
    }

    private void item(JsonNode item, String param) {
        if (!item.isObject()) {
            throw ApiError.invalidRequest(param, "Each input item must be an object.");
        }
        String type = item.path("type").asText(item.has("role") ? "message" : "");
        switch (type) {
            case "message" -> message(item, param);
            case "function_call" -> functionCall(item, param);
            case "function_call_output" -> functionCallOutput(item, param);
            case "item_reference" -> throw ApiError.invalidRequest(param + ".type",
                    "Item references are not supported by this router: send the item itself, or use previous_response_id.");
            default -> {
                if (!SKIPPED.contains(type)) {
                    throw ApiError.invalidRequest(param + ".type", type.isEmpty() ? "Each input item needs a 'type'."
                            : "Input item type '" + type + "' is not supported.");
                }
                return;
            }
        }
        ObjectNode kept = ((ObjectNode) item).deepCopy();
        kept.put("type", type);
        if (!kept.hasNonNull("id")) {
            kept.put("id", type.equals("message") ? ResponseIds.message() : ResponseIds.next(type.equals("function_call") ? "fc_" : "fco_"));
        }
        items.add(kept);
    }

    private void message(JsonNode item, String param) {
        String role = item.path("role").asText();
        JsonNode content = item.get("content");
        switch (role) {
            case "user" -> messages.addObject().put("role", "user").set("content", userContent(content, param + ".content"));
            case "system", "developer" -> messages.addObject().put("role", "system").put("content", text(content, param + ".content"));
            case "assistant" -> messages.addObject().put("role", "assistant").put("content", text(content, param + ".content"));
            default -> throw ApiError.invalidRequest(param + ".role", "Message role must be user, assistant, system or developer.");
        }
    }

    private JsonNode userContent(JsonNode content, String param) {
        if (content != null && content.isTextual()) {
            return content;
        }
        if (content == null || !content.isArray()) {
            throw ApiError.invalidRequest(param, "Message content must be a string or an array of content parts.");
        }
        ArrayNode parts = json.createArrayNode();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String type = part.path("type").asText();
            switch (type) {
                case "input_text", "output_text" -> parts.addObject().put("type", "text").put("text", part.path("text").asText());
                case "input_image" -> {
                    if (!part.hasNonNull("image_url")) {
                        throw ApiError.invalidRequest(param + "[" + i + "].image_url",
                                "Images must be given by image_url (an http(s) or base64 data URL): this router has no file storage.");
                    }
                    ObjectNode image = parts.addObject().put("type", "image_url").putObject("image_url")
                            .put("url", part.get("image_url").asText());
                    if (part.hasNonNull("detail")) {
                        image.set("detail", part.get("detail"));
                    }
                }
                default -> throw ApiError.invalidRequest(param + "[" + i + "].type",
                        "Content part type '" + type + "' is not supported on this router.");
            }
        }
        return parts;
    }

    /** The text of system, developer and assistant content; a function call's output. */
    private static String text(JsonNode content, String param) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw ApiError.invalidRequest(param, "Content must be a string or an array of text parts.");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            switch (part.path("type").asText()) {
                case "input_text", "output_text", "text" -> text.append(part.path("text").asText());
                case "refusal" -> text.append(part.path("refusal").asText());
                default -> throw ApiError.invalidRequest(param + "[" + i + "].type", "Only text content is supported here.");
            }
        }
        return text.toString();
    }

    private void functionCall(JsonNode item, String param) {
        String callId = item.path("call_id").asText();
        String name = item.path("name").asText();
        if (callId.isBlank() || name.isBlank()) {
            throw ApiError.invalidRequest(param, "A function_call item needs 'call_id' and 'name'.");
        }
        String flat = tools.flatName(item.path("namespace").asText(null), name);
        ObjectNode call = json.createObjectNode().put("id", callId).put("type", "function");
        call.putObject("function").put("name", flat != null ? flat : name).put("arguments", item.path("arguments").asText(""));
        ObjectNode assistant = lastAssistantWithoutAnswer();
        if (assistant == null) {
            assistant = messages.addObject().put("role", "assistant");
            assistant.putNull("content");
        }
        (assistant.has("tool_calls") ? (ArrayNode) assistant.get("tool_calls") : assistant.putArray("tool_calls")).add(call);
        knownCalls.add(callId);
    }

    /** The last message when it is the assistant's (calls join its turn), else null. */
    private ObjectNode lastAssistantWithoutAnswer() {
        if (messages.isEmpty()) {
            return null;
        }
        JsonNode last = messages.get(messages.size() - 1);
        return "assistant".equals(last.path("role").asText()) ? (ObjectNode) last : null;
    }

    private void functionCallOutput(JsonNode item, String param) {
        String callId = item.path("call_id").asText();
        if (!knownCalls.contains(callId)) {
            throw ApiError.invalidRequest(param + ".call_id", "No tool call found for function call output with call_id "
                    + (callId.isBlank() ? "(none)" : callId) + ".");
        }
        messages.addObject().put("role", "tool").put("tool_call_id", callId).put("content", text(item.get("output"), param + ".output"));
    }
}
