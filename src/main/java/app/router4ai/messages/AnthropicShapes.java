package app.router4ai.messages;

import app.router4ai.call.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * The pieces of Anthropic's answer format the canonical form maps onto: message ids, stop reasons, usage,
 * error types. One place, so the complete answer and the stream say the same.
 */
final class AnthropicShapes {

    private static final Map<String, String> STOP_REASONS = Map.of(
            "stop", "end_turn",
            "length", "max_tokens",
            "tool_calls", "tool_use",
            "function_call", "tool_use",
            "content_filter", "refusal");

    private AnthropicShapes() {
    }

    /** {@code msg_…} from a canonical id ({@code chatcmpl-…}, or {@code chatcmpl-msg_…} for an Anthropic answer). */
    static String messageId(JsonNode canonicalId) {
        String id = canonicalId == null || canonicalId.isNull() ? "" : canonicalId.asText();
        if (id.startsWith("chatcmpl-")) {
            id = id.substring("chatcmpl-".length());
        }
        return id.startsWith("msg_") ? id : "msg_" + id;
    }

    /** Unknown or missing finish reasons count as a normal end of turn. */
    static String stopReason(String finishReason) {
        return finishReason == null ? "end_turn" : STOP_REASONS.getOrDefault(finishReason, "end_turn");
    }

    /** Anthropic's usage: the prompt split into uncached input, cache writes and cache reads (0 where there were none). */
    static ObjectNode usage(ObjectMapper json, Usage usage) {
        long cacheRead = Math.min(usage.cachedTokens(), usage.promptTokens());
        long cacheWrite = Math.min(usage.cacheWriteTokens(), usage.promptTokens() - cacheRead);
        return json.createObjectNode()
                .put("input_tokens", usage.promptTokens() - cacheRead - cacheWrite)
                .put("cache_creation_input_tokens", cacheWrite)
                .put("cache_read_input_tokens", cacheRead)
                .put("output_tokens", usage.completionTokens());
    }

    /** An OpenAI error type or code (a stream failure) as Anthropic's error type. */
    static String errorType(String type, String code) {
        String c = code == null ? "" : code;
        if (c.contains("overloaded")) {
            return "overloaded_error";
        }
        if (c.contains("rate_limit")) {
            return "rate_limit_error";
        }
        return "invalid_request_error".equals(type) ? "invalid_request_error" : "api_error";
    }

    /** {@code {"type":"error","error":{"type","message"}}}. */
    static ObjectNode error(ObjectMapper json, String type, String message) {
        ObjectNode error = json.createObjectNode().put("type", "error");
        error.putObject("error").put("type", type).put("message", message);
        return error;
    }

    /** The tool input a canonical tool call's arguments string holds; an object even when the provider sent junk. */
    static JsonNode toolInput(ObjectMapper json, String arguments) {
        if (arguments != null && !arguments.isBlank()) {
            try {
                JsonNode input = json.readTree(arguments);
                if (input != null && input.isObject()) {
                    return input;
                }
            } catch (IOException e) {
                // not JSON: an empty input rather than a broken message
            }
        }
        return json.createObjectNode();
    }
}
