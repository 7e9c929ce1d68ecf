package app.router4ai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The pieces of a {@code response} object, built the same way for a whole answer, a stream's events and the
 * stored copy: output items (an assistant message, a function call), the usage, the status a chat finish reason
 * amounts to, and the chat message an answer adds to the conversation.
 */
final class ResponseItems {

    /** A function call as the stream or the answer saw it: the provider's call id and flat name, the arguments. */
    record Call(String itemId, String callId, String flatName, String arguments) {
    }

    private ResponseItems() {
    }

    /** An {@code output_text} content part. */
    static ObjectNode outputText(ObjectMapper json, String text) {
        ObjectNode part = json.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    static ObjectNode refusal(ObjectMapper json, String refusal) {
        return json.createObjectNode().put("type", "refusal").put("refusal", refusal);
    }

    /**
     * A {@code reasoning} item with the model's thinking as its summary: what Claude (4 and later) and Gemini return
     * is a summary of their thinking, and the summary is where the SDKs and Codex read reasoning from.
     */
    static ObjectNode reasoning(ObjectMapper json, String id, String text) {
        ObjectNode item = json.createObjectNode().put("id", id).put("type", "reasoning");
        item.putArray("summary").addObject().put("type", "summary_text").put("text", text);
        return item;
    }

    /** An assistant {@code message} item with the given content parts. */
    static ObjectNode message(ObjectMapper json, String id, String status, List<ObjectNode> parts) {
        ObjectNode item = json.createObjectNode().put("id", id).put("type", "message").put("status", status).put("role", "assistant");
        item.putArray("content").addAll(parts);
        return item;
    }

    /** A {@code function_call} item, named as the client named the function (with its namespace, if any). */
    static ObjectNode functionCall(ObjectMapper json, Call call, FunctionName name, String status) {
        ObjectNode item = json.createObjectNode().put("id", call.itemId()).put("type", "function_call").put("status", status)
                .put("arguments", call.arguments()).put("call_id", call.callId()).put("name", name.name());
        if (name.namespace() != null) {
            item.put("namespace", name.namespace());
        }
        return item;
    }

    /** The Responses API's usage from a chat usage object. */
    static ObjectNode usage(ObjectMapper json, JsonNode chatUsage) {
        long input = chatUsage.path("prompt_tokens").asLong(0);
        long output = chatUsage.path("completion_tokens").asLong(0);
        ObjectNode usage = json.createObjectNode().put("input_tokens", input);
        usage.putObject("input_tokens_details").put("cached_tokens", chatUsage.path("prompt_tokens_details").path("cached_tokens").asLong(0));
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details")
                .put("reasoning_tokens", chatUsage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
        usage.put("total_tokens", input + output);
        return usage;
    }

    /** {@code completed}, or {@code incomplete} when the answer was cut by its token limit or a content filter. */
    static String status(String finishReason) {
        return "length".equals(finishReason) || "content_filter".equals(finishReason) ? "incomplete" : "completed";
    }

    /** Why an incomplete answer stopped, as {@code incomplete_details}; null when it completed. */
    static JsonNode incompleteDetails(ObjectMapper json, String finishReason) {
        return switch (finishReason == null ? "" : finishReason) {
            case "length" -> json.createObjectNode().put("reason", "max_output_tokens");
            case "content_filter" -> json.createObjectNode().put("reason", "content_filter");
            default -> json.nullNode();
        };
    }

    /** The chat message this answer adds to the conversation (flat function names, as providers know them). */
    static ObjectNode assistantMessage(ObjectMapper json, String text, List<Call> calls) {
        ObjectNode message = json.createObjectNode().put("role", "assistant");
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (Call call : calls) {
                ObjectNode toolCall = toolCalls.addObject().put("id", call.callId()).put("type", "function");
                toolCall.putObject("function").put("name", call.flatName()).put("arguments", call.arguments());
            }
        }
        return message;
    }

    /**
     * The {@code response} object: the request's echoed settings around the answer's id, status, output and usage,
     * in the order OpenAI writes them. {@code usage}, {@code error} and {@code incomplete} may be null nodes.
     */
    static ObjectNode response(ObjectMapper json, ResponsesRequest request, String model, String status, ArrayNode output,
                               JsonNode usage, JsonNode error, JsonNode incomplete) {
        ObjectNode response = json.createObjectNode().put("id", request.id()).put("object", "response")
                .put("created_at", request.createdAt()).put("status", status).put("background", false);
        response.set("error", error == null ? json.nullNode() : error);
        response.set("incomplete_details", incomplete == null ? json.nullNode() : incomplete);
        ObjectNode echo = request.echo();
        response.set("instructions", echo.get("instructions"));
        response.set("max_output_tokens", echo.get("max_output_tokens"));
        response.putNull("max_tool_calls");
        response.put("model", model);
        response.set("output", output);
        for (String field : List.of("parallel_tool_calls", "previous_response_id", "prompt_cache_key", "reasoning",
                "safety_identifier", "service_tier", "store", "temperature", "text", "tool_choice", "tools", "top_logprobs",
                "top_p", "truncation")) {
            response.set(field, echo.get(field));
        }
        response.set("usage", usage == null ? json.nullNode() : usage);
        response.set("user", echo.get("user"));
        response.set("metadata", echo.get("metadata"));
        return response;
    }

    /** The text of every output_text part, joined: what the SDKs offer as {@code output_text}. */
    static String outputText(ArrayNode output) {
        StringBuilder text = new StringBuilder();
        for (JsonNode item : output) {
            for (JsonNode part : item.path("content")) {
                if ("output_text".equals(part.path("type").asText())) {
                    text.append(part.path("text").asText());
                }
            }
        }
        return text.toString();
    }
}
