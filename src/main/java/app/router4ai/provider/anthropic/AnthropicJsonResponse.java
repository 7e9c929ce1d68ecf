package app.router4ai.provider.anthropic;

import app.router4ai.provider.UnsupportedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code response_format: json_schema} on Anthropic, which has no such parameter: a tool named
 * {@value #TOOL} whose input schema is the client's schema, forced with {@code tool_choice}, so Claude's
 * answer is a tool input that follows the schema. That input is handed back as the message's text and the
 * answer finishes with {@code stop}, as OpenAI's would (the request, response and stream mappers each ask
 * {@link #asked} and treat the {@value #TOOL} block so). Other gateways translate it the same way. With
 * tools of the client's own beside it, Claude must call one of the tools ({@code any}): its own, or
 * {@value #TOOL} to answer.
 */
final class AnthropicJsonResponse {

    static final String TOOL = "json_response";

    private final ObjectMapper json;

    AnthropicJsonResponse(ObjectMapper json) {
        this.json = json;
    }

    /** Whether the request asks for an answer following a JSON schema. */
    static boolean asked(JsonNode request) {
        return "json_schema".equals(request.path("response_format").path("type").asText());
    }

    /** Adds the {@value #TOOL} tool to {@code tools} (the client's, mapped) and returns the tool_choice that forces an answer through it. */
    ObjectNode addTool(ArrayNode tools, JsonNode request) {
        JsonNode format = request.path("response_format").path("json_schema");
        JsonNode schema = format.path("schema");
        if (schema.isMissingNode() || schema.isNull()) {
            schema = json.createObjectNode().put("type", "object");
        }
        if (!"object".equals(schema.path("type").asText())) {
            throw new UnsupportedRequest("response_format.json_schema.schema",
                    "This model's provider needs an object at the root of a response_format json_schema.");
        }
        for (JsonNode tool : tools) {
            if (TOOL.equals(tool.path("name").asText())) {
                throw new UnsupportedRequest("tools", "A tool named " + TOOL + " cannot be combined with response_format json_schema on this model's provider.");
            }
        }
        boolean ownTools = !tools.isEmpty();
        String description = format.path("description").asText("Answer with JSON that follows this schema.");
        tools.addObject().put("name", TOOL).put("description", description).set("input_schema", schema);
        JsonNode clientChoice = request.get("tool_choice");
        if (ownTools && clientChoice != null && clientChoice.isObject()) {
            return null; // the client named its own tool: the mapped choice stands
        }
        boolean onlyJson = !ownTools || (clientChoice != null && "none".equals(clientChoice.asText()));
        return onlyJson ? json.createObjectNode().put("type", "tool").put("name", TOOL) : json.createObjectNode().put("type", "any");
    }

    /** Whether a tool_use block is the answer itself rather than a tool call. */
    static boolean isAnswer(JsonNode toolUse, boolean asked) {
        return asked && TOOL.equals(toolUse.path("name").asText());
    }
}
