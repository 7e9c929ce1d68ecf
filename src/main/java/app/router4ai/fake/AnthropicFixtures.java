package app.router4ai.fake;

import static app.router4ai.fake.FixtureJson.JSON;
import static app.router4ai.fake.FixtureJson.read;
import static app.router4ai.fake.FixtureJson.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Anthropic Messages API bodies and SSE streams as the published reference describes them, for fakes,
 * tests and the demo profile. Written from the reference, not from the router's mappers, so tests built on them check
 * the mappers against the provider rather than against themselves.
 */
public final class AnthropicFixtures {

    private AnthropicFixtures() {
    }

    /** A finished text answer ({@code stop_reason: end_turn}). */
    public static String textMessage(String id, String model, String text, int inputTokens, int outputTokens) {
        return textMessage(id, model, text, "end_turn", inputTokens, outputTokens);
    }

    /** A finished text answer with the given {@code stop_reason} (end_turn, max_tokens, stop_sequence, refusal, ...). */
    public static String textMessage(String id, String model, String text, String stopReason, int inputTokens, int outputTokens) {
        ObjectNode message = message(id, model, stopReason, inputTokens, outputTokens);
        message.withArray("content").addObject().put("type", "text").put("text", text);
        return write(message);
    }

    /**
     * A finished text answer that used prompt caching: Anthropic reports the uncached input, the tokens
     * written to the cache and the tokens read from it as three separate figures.
     */
    public static String textMessageWithCache(String id, String model, String text, int inputTokens,
                                              int cacheCreationTokens, int cacheReadTokens, int outputTokens) {
        ObjectNode message = message(id, model, "end_turn", inputTokens, outputTokens);
        message.withArray("content").addObject().put("type", "text").put("text", text);
        ((ObjectNode) message.get("usage")).put("cache_creation_input_tokens", cacheCreationTokens)
                .put("cache_read_input_tokens", cacheReadTokens);
        return write(message);
    }

    /** An answer that calls one tool ({@code stop_reason: tool_use}); {@code inputJson} is the tool input object. */
    public static String toolUseMessage(String id, String model, String toolUseId, String name, String inputJson,
                                        int inputTokens, int outputTokens) {
        ObjectNode message = message(id, model, "tool_use", inputTokens, outputTokens);
        message.withArray("content").addObject().put("type", "tool_use").put("id", toolUseId).put("name", name)
                .set("input", read(inputJson));
        return write(message);
    }

    /**
     * An answer with extended thinking that calls one tool: a signed thinking block, a redacted_thinking block (its
     * data encrypted), then the tool_use block, as the extended-thinking reference shows a tool-use turn.
     */
    public static String thinkingToolUseMessage(String id, String model, String thinking, String signature, String redactedData,
                                                String toolUseId, String name, String inputJson, int inputTokens, int outputTokens) {
        ObjectNode message = message(id, model, "tool_use", inputTokens, outputTokens);
        ArrayNode content = message.withArray("content");
        content.addObject().put("type", "thinking").put("thinking", thinking).put("signature", signature);
        content.addObject().put("type", "redacted_thinking").put("data", redactedData);
        content.addObject().put("type", "tool_use").put("id", toolUseId).put("name", name).set("input", read(inputJson));
        return write(message);
    }

    /** A finished text answer after a signed thinking block. */
    public static String thinkingTextMessage(String id, String model, String thinking, String signature, String text,
                                             int inputTokens, int outputTokens) {
        ObjectNode message = message(id, model, "end_turn", inputTokens, outputTokens);
        message.withArray("content").addObject().put("type", "thinking").put("thinking", thinking).put("signature", signature);
        message.withArray("content").addObject().put("type", "text").put("text", text);
        return write(message);
    }

    /**
     * A streamed answer with extended thinking: a thinking block (content_block_start with empty thinking and
     * signature, thinking_delta pieces, one signature_delta), a redacted_thinking block (whole in its start), then
     * a text block in the given pieces.
     */
    public static String thinkingTextStream(String id, String model, List<String> thinkingPieces, String signature,
                                            String redactedData, List<String> textPieces, int inputTokens, int outputTokens) {
        StringBuilder sse = new StringBuilder(messageStart(id, model, inputTokens));
        sse.append(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}"));
        sse.append(deltas(0, "thinking_delta", "thinking", thinkingPieces));
        ObjectNode sign = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
        sign.putObject("delta").put("type", "signature_delta").put("signature", signature);
        sse.append(event("content_block_delta", write(sign)));
        sse.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        ObjectNode redacted = JSON.createObjectNode().put("type", "content_block_start").put("index", 1);
        redacted.putObject("content_block").put("type", "redacted_thinking").put("data", redactedData);
        sse.append(event("content_block_start", write(redacted)));
        sse.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"));
        sse.append(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        sse.append(deltas(2, "text_delta", "text", textPieces));
        sse.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}"));
        return sse.append(messageEnd("end_turn", outputTokens)).toString();
    }

    /** The answer of {@code POST /v1/messages/count_tokens}. */
    public static String tokenCount(int inputTokens) {
        return write(JSON.createObjectNode().put("input_tokens", inputTokens));
    }

    /** An error body, e.g. {@code ("overloaded_error", "Overloaded")} for HTTP 529, {@code invalid_request_error} for 400. */
    public static String errorBody(String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return write(body);
    }

    /** A complete streamed text answer: message_start, one text block in the given pieces, message_delta, message_stop. */
    public static String textStream(String id, String model, List<String> pieces, int inputTokens, int outputTokens) {
        return textStream(id, model, pieces, "end_turn", inputTokens, outputTokens);
    }

    /** A complete streamed text answer whose message_delta carries the given {@code stop_reason}. */
    public static String textStream(String id, String model, List<String> pieces, String stopReason, int inputTokens,
                                    int outputTokens) {
        StringBuilder sse = new StringBuilder(messageStart(id, model, inputTokens));
        sse.append(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        sse.append(event("ping", "{\"type\":\"ping\"}"));
        sse.append(deltas(0, "text_delta", "text", pieces));
        sse.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        return sse.append(messageEnd(stopReason, outputTokens)).toString();
    }

    /** A complete streamed tool call: one tool_use block whose input arrives as the given JSON fragments. */
    public static String toolUseStream(String id, String model, String toolUseId, String name, List<String> jsonFragments,
                                       int inputTokens, int outputTokens) {
        StringBuilder sse = new StringBuilder(messageStart(id, model, inputTokens));
        ObjectNode start = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
        start.putObject("content_block").put("type", "tool_use").put("id", toolUseId).put("name", name).putObject("input");
        sse.append(event("content_block_start", write(start)));
        for (String fragment : jsonFragments) {
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "input_json_delta").put("partial_json", fragment);
            sse.append(event("content_block_delta", write(delta)));
        }
        sse.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        return sse.append(messageEnd("tool_use", outputTokens)).toString();
    }

    /** The start of a stream (message_start and an opened text block) without its end: a cut stream. */
    public static String cutTextStream(String id, String model, String firstPiece, int inputTokens) {
        ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
        delta.putObject("delta").put("type", "text_delta").put("text", firstPiece);
        return messageStart(id, model, inputTokens)
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                + event("content_block_delta", write(delta));
    }

    /** A mid-stream error event, e.g. {@code ("overloaded_error", "Overloaded")}. */
    public static String errorEvent(String type, String message) {
        return event("error", errorBody(type, message));
    }

    public static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    /** One content_block_delta event per piece, of the given delta type, for the block at {@code index}. */
    private static String deltas(int index, String type, String field, List<String> pieces) {
        StringBuilder sse = new StringBuilder();
        for (String piece : pieces) {
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
            delta.putObject("delta").put("type", type).put(field, piece);
            sse.append(event("content_block_delta", write(delta)));
        }
        return sse.toString();
    }

    private static String messageStart(String id, String model, int inputTokens) {
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = message(id, model, null, inputTokens, 1);
        start.set("message", message);
        return event("message_start", write(start));
    }

    private static String messageEnd(String stopReason, int outputTokens) {
        ObjectNode delta = JSON.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        delta.putObject("usage").put("output_tokens", outputTokens);
        return event("message_delta", write(delta)) + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    private static ObjectNode message(String id, String model, String stopReason, int inputTokens, int outputTokens) {
        ObjectNode message = JSON.createObjectNode().put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        message.putArray("content");
        message.put("stop_reason", stopReason).putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", inputTokens).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0).put("output_tokens", outputTokens);
        return message;
    }
}
