package app.router4ai.provider.gemini;

import app.router4ai.provider.UnsupportedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code tools} and {@code tool_choice} as Gemini {@code tools[].functionDeclarations} and
 * {@code toolConfig.functionCallingConfig}. Parameters go in {@code parametersJsonSchema}, not
 * {@code parameters}: OpenAI clients send JSON Schema (strict mode adds {@code additionalProperties:
 * false}, nullable types are {@code ["string","null"]}), which the OpenAPI-subset {@code parameters}
 * field rejects; the keywords even that field refuses are rewritten ({@link GeminiSchemas}). Models before
 * Gemini 2.5 have only {@code parameters}, and get the schema in its OpenAPI subset. {@code parallel_tool_calls}
 * has no Gemini equivalent and is ignored.
 */
final class GeminiToolMapper {

    private final ObjectMapper json;

    GeminiToolMapper(ObjectMapper json) {
        this.json = json;
    }

    ArrayNode tools(JsonNode tools, boolean jsonSchema) {
        ArrayNode declarations = json.createArrayNode();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!"function".equals(tool.path("type").asText("function"))) {
                throw new UnsupportedRequest("tools[" + i + "].type", "Only function tools are supported by this model's provider.");
            }
            JsonNode function = tool.path("function");
            ObjectNode declaration = declarations.addObject().put("name", function.path("name").asText());
            if (function.hasNonNull("description")) {
                declaration.put("description", function.get("description").asText());
            }
            if (function.hasNonNull("parameters") && jsonSchema) {
                declaration.set("parametersJsonSchema", GeminiSchemas.forGemini(function.get("parameters")));
            } else if (function.hasNonNull("parameters")) {
                declaration.set("parameters", GeminiSchemas.openApiSubset(function.get("parameters")));
            }
        }
        ArrayNode out = json.createArrayNode();
        out.addObject().set("functionDeclarations", declarations);
        return out;
    }

    /** Null when the client left the choice to the model (Gemini's default, AUTO). */
    ObjectNode toolConfig(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        ObjectNode config = json.createObjectNode();
        ObjectNode calling = config.putObject("functionCallingConfig");
        if (choice.isTextual()) {
            switch (choice.asText()) {
                case "auto" -> calling.put("mode", "AUTO");
                case "none" -> calling.put("mode", "NONE");
                case "required" -> calling.put("mode", "ANY");
                default -> throw new UnsupportedRequest("tool_choice", "Unknown tool_choice '" + choice.asText() + "'.");
            }
        } else if (choice.path("function").hasNonNull("name")) {
            calling.put("mode", "ANY").putArray("allowedFunctionNames").add(choice.path("function").path("name").asText());
        } else {
            throw new UnsupportedRequest("tool_choice", "tool_choice must be auto, none, required or a named function.");
        }
        return config;
    }
}
