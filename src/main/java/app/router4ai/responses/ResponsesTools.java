package app.router4ai.responses;

import app.router4ai.api.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Responses API's {@code tools} and {@code tool_choice} as chat-completions tools. Function tools (and the
 * function tools inside a {@code namespace} tool) become chat functions, flattened into one list; a name that two
 * namespaces share is prefixed with its namespace. Hosted tools (web search, file search, code interpreter, MCP,
 * shell, custom tools, ...) run at OpenAI and no provider here runs them: they are left out and named in
 * {@link #omitted()}, which the answer reports in a header rather than refusing the request.
 */
final class ResponsesTools {

    private final ArrayNode chatTools;
    private final Map<String, FunctionName> names = new LinkedHashMap<>();
    private final List<String> omitted = new ArrayList<>();

    private ResponsesTools(ArrayNode chatTools) {
        this.chatTools = chatTools;
    }

    static ResponsesTools of(JsonNode tools, ObjectMapper json) {
        ResponsesTools out = new ResponsesTools(json.createArrayNode());
        if (tools == null || tools.isNull()) {
            return out;
        }
        if (!tools.isArray()) {
            throw ApiError.invalidRequest("tools", "'tools' must be an array of tools.");
        }
        List<FunctionName> wanted = new ArrayList<>();
        List<JsonNode> definitions = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String type = tool.path("type").asText();
            if (type.equals("function")) {
                wanted.add(new FunctionName(null, requireName(tool, "tools[" + i + "]")));
                definitions.add(tool);
            } else if (type.equals("namespace")) {
                String namespace = requireName(tool, "tools[" + i + "]");
                JsonNode inner = tool.path("tools");
                for (int j = 0; j < inner.size(); j++) {
                    JsonNode nested = inner.get(j);
                    if (nested.path("type").asText().equals("function")) {
                        wanted.add(new FunctionName(namespace, requireName(nested, "tools[" + i + "].tools[" + j + "]")));
                        definitions.add(nested);
                    } else {
                        out.omitted.add(namespace + "." + nested.path("name").asText(nested.path("type").asText()));
                    }
                }
            } else if (type.isEmpty()) {
                throw ApiError.invalidRequest("tools[" + i + "].type", "Each tool needs a 'type'.");
            } else {
                out.omitted.add(type);
            }
        }
        for (int k = 0; k < wanted.size(); k++) {
            FunctionName name = wanted.get(k);
            boolean shared = wanted.stream().filter(other -> other.name().equals(name.name())).count() > 1;
            String flat = shared && name.namespace() != null ? name.namespace() + "__" + name.name() : name.name();
            if (out.names.putIfAbsent(flat, name) != null) {
                throw ApiError.invalidRequest("tools", "Two tools are named '" + flat + "'.");
            }
            out.chatTools.add(chatFunction(definitions.get(k), flat, json));
        }
        return out;
    }

    private static String requireName(JsonNode tool, String param) {
        String name = tool.path("name").asText();
        if (name.isBlank()) {
            throw ApiError.invalidRequest(param + ".name", "Each function tool needs a 'name'.");
        }
        return name;
    }

    private static ObjectNode chatFunction(JsonNode tool, String flatName, ObjectMapper json) {
        ObjectNode function = json.createObjectNode().put("name", flatName);
        if (tool.hasNonNull("description")) {
            function.set("description", tool.get("description"));
        }
        if (tool.get("parameters") instanceof ObjectNode parameters) {
            // Strict schemas from the Agents SDK carry $schema, which some providers' schema subsets refuse.
            ObjectNode copy = parameters.deepCopy();
            copy.remove("$schema");
            function.set("parameters", copy);
        }
        if (tool.hasNonNull("strict")) {
            function.set("strict", tool.get("strict"));
        }
        ObjectNode chat = json.createObjectNode().put("type", "function");
        chat.set("function", function);
        return chat;
    }

    /** The chat {@code tool_choice}, or null to leave it out. */
    JsonNode toolChoice(JsonNode choice, ObjectMapper json) {
        if (choice == null || choice.isNull() || chatTools.isEmpty()) {
            return null;
        }
        if (choice.isTextual()) {
            String mode = choice.asText();
            if (!(mode.equals("auto") || mode.equals("none") || mode.equals("required"))) {
                throw ApiError.invalidRequest("tool_choice", "tool_choice must be auto, none, required or a tool.");
            }
            return choice;
        }
        String type = choice.path("type").asText();
        if (type.equals("function")) {
            String flat = flatName(choice.path("namespace").asText(null), choice.path("name").asText());
            if (flat == null) {
                throw ApiError.invalidRequest("tool_choice.name", "tool_choice names a function that is not in 'tools'.");
            }
            ObjectNode named = json.createObjectNode().put("type", "function");
            named.putObject("function").put("name", flat);
            return named;
        }
        if (type.equals("allowed_tools")) {
            return json.getNodeFactory().textNode(choice.path("mode").asText("auto"));
        }
        throw ApiError.invalidRequest("tool_choice", "tool_choice '" + type + "' names a hosted tool this router cannot run.");
    }

    /** The flat name a provider knows this function by, or null when it is not among the tools. */
    String flatName(String namespace, String name) {
        for (Map.Entry<String, FunctionName> entry : names.entrySet()) {
            if (entry.getValue().name().equals(name) && (namespace == null || namespace.equals(entry.getValue().namespace()))) {
                return entry.getKey();
            }
        }
        return null;
    }

    ArrayNode chatTools() {
        return chatTools;
    }

    /** Flat name → the client's name and namespace. */
    Map<String, FunctionName> names() {
        return names;
    }

    /** The hosted tools left out, by type (or namespace.name). */
    List<String> omitted() {
        return omitted;
    }
}
