package app.router4ai.responses;

import app.router4ai.api.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Responses API's settings on both sides of the translation: {@code text.format} as chat's
 * {@code response_format}, and the request's settings as the {@code response} object repeats them.
 */
final class ResponseEcho {

    private ResponseEcho() {
    }

    /** {@code text.format} as chat's {@code response_format}; null for plain text. */
    static JsonNode responseFormat(JsonNode format, ObjectMapper json) {
        if (format.isMissingNode() || format.isNull()) {
            return null;
        }
        String type = format.path("type").asText();
        switch (type) {
            case "text" -> {
                return null;
            }
            case "json_object" -> {
                return json.createObjectNode().put("type", "json_object");
            }
            case "json_schema" -> {
                if (!format.path("name").isTextual() || !format.path("schema").isObject()) {
                    throw ApiError.invalidRequest("text.format", "A json_schema format needs a 'name' and a 'schema' object.");
                }
                ObjectNode out = json.createObjectNode().put("type", "json_schema");
                ObjectNode schema = out.putObject("json_schema").put("name", format.get("name").asText());
                if (format.hasNonNull("description")) {
                    schema.set("description", format.get("description"));
                }
                ObjectNode parameters = format.get("schema").deepCopy();
                parameters.remove("$schema");
                schema.set("schema", parameters);
                if (format.hasNonNull("strict")) {
                    schema.set("strict", format.get("strict"));
                }
                return out;
            }
            default -> throw ApiError.invalidRequest("text.format.type", "text.format.type must be text, json_object or json_schema.");
        }
    }

    /** The request's settings as the response object repeats them, with OpenAI's defaults where they were not set. */
    static ObjectNode of(ObjectNode body, String instructions, String effort, boolean keep, ObjectMapper json) {
        ObjectNode echo = json.createObjectNode();
        echo.put("instructions", instructions);
        echo.set("max_output_tokens", body.path("max_output_tokens").isNumber() ? body.get("max_output_tokens") : json.nullNode());
        echo.set("metadata", body.path("metadata").isObject() ? body.get("metadata") : json.createObjectNode());
        echo.put("parallel_tool_calls", body.path("parallel_tool_calls").asBoolean(true));
        echo.set("previous_response_id", body.path("previous_response_id").isTextual() ? body.get("previous_response_id") : json.nullNode());
        echo.set("prompt_cache_key", body.path("prompt_cache_key").isTextual() ? body.get("prompt_cache_key") : json.nullNode());
        echo.putObject("reasoning").put("effort", effort).putNull("summary");
        echo.putNull("safety_identifier");
        echo.put("service_tier", "default");
        echo.put("store", keep);
        echo.put("temperature", body.path("temperature").asDouble(1.0));
        ObjectNode text = echo.putObject("text");
        text.set("format", body.path("text").path("format").isObject() ? body.path("text").get("format")
                : json.createObjectNode().put("type", "text"));
        text.put("verbosity", body.path("text").path("verbosity").asText("medium"));
        echo.set("tool_choice", body.hasNonNull("tool_choice") ? body.get("tool_choice") : json.getNodeFactory().textNode("auto"));
        echo.set("tools", body.path("tools").isArray() ? body.get("tools") : json.createArrayNode());
        echo.put("top_logprobs", body.path("top_logprobs").asInt(0));
        echo.put("top_p", body.path("top_p").asDouble(1.0));
        echo.put("truncation", body.path("truncation").asText("disabled"));
        echo.set("user", body.path("user").isTextual() ? body.get("user") : json.nullNode());
        return echo;
    }
}
