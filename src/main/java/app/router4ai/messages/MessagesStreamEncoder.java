package app.router4ai.messages;

import app.router4ai.call.ApiCall;
import app.router4ai.call.RamBlock;
import app.router4ai.call.Sse;
import app.router4ai.call.StreamEncoder;
import app.router4ai.call.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A stream as Anthropic's clients read it. Passed through, the provider's own events go out as they came and
 * the message_delta gets {@code _ram}. Translated, canonical chunks become Anthropic's sequence: message_start,
 * then per content block content_block_start (a ping after the first), its deltas (thinking_delta, text_delta,
 * input_json_delta) and content_block_stop, then message_delta with the stop reason, the cumulative usage and
 * {@code _ram}, and message_stop; a failure is an {@code error} event.
 */
final class MessagesStreamEncoder implements StreamEncoder {

    private static final byte[] PING = "{\"type\":\"ping\"}".getBytes(StandardCharsets.US_ASCII);

    private final ApiCall call;
    private final ObjectMapper json;
    private final boolean passThrough;
    private final Map<Integer, Integer> blockByToolIndex = new HashMap<>();

    private boolean started;
    private boolean pinged;
    private int nextBlock;
    private int openBlock = -1;
    private String openType;
    private String stopReason;
    private boolean errorForwarded;

    MessagesStreamEncoder(ApiCall call, ObjectMapper json) {
        this.call = call;
        this.json = json;
        this.passThrough = call.passThrough();
    }

    @Override
    public void chunk(ObjectNode chunk, ByteArrayOutputStream out) throws IOException {
        if (passThrough) {
            return;
        }
        start(chunk, out);
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            JsonNode delta = choice.path("delta");
            String reasoning = delta.path("reasoning_content").asText("");
            if (!reasoning.isEmpty()) {
                ObjectNode thinking = json.createObjectNode().put("type", "thinking").put("thinking", "").put("signature", "");
                delta(open("thinking", thinking, out), json.createObjectNode().put("type", "thinking_delta").put("thinking", reasoning), out);
            }
            String text = delta.path("content").asText("");
            if (!text.isEmpty()) {
                ObjectNode block = json.createObjectNode().put("type", "text").put("text", "");
                delta(open("text", block, out), json.createObjectNode().put("type", "text_delta").put("text", text), out);
            }
            for (JsonNode toolCall : delta.path("tool_calls")) {
                toolCall(toolCall, out);
            }
            if (choice.hasNonNull("finish_reason")) {
                stopReason = AnthropicShapes.stopReason(choice.get("finish_reason").asText());
                close(out);
            }
        }
    }

    @Override
    public void usage(ObjectNode chunk, ByteArrayOutputStream out) {
        // the call is settled with it: message_delta reports the call's usage
    }

    @Override
    public void done(ByteArrayOutputStream out) throws IOException {
        if (passThrough) {
            return;   // the provider's message_stop went out already
        }
        start(null, out);
        close(out);
        ObjectNode delta = json.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stopReason != null ? stopReason : "end_turn").putNull("stop_sequence");
        delta.set("usage", AnthropicShapes.usage(json, call.usage()));
        RamBlock.attach(delta, call);
        event(out, "message_delta", delta);
        event(out, "message_stop", json.createObjectNode().put("type", "message_stop"));
    }

    @Override
    public void failure(String message, String type, String code, ByteArrayOutputStream out) throws IOException {
        if (errorForwarded) {
            return;   // the provider's own error event went out
        }
        event(out, "error", AnthropicShapes.error(json, AnthropicShapes.errorType(type, code), message));
    }

    @Override
    public void nativeEvent(String event, String data, ByteArrayOutputStream out) throws IOException {
        String name = event == null ? "message" : event;
        if (name.equals("message_delta") && json.readTree(data) instanceof ObjectNode delta) {
            RamBlock.attach(delta, call);
            event(out, name, delta);
            return;
        }
        errorForwarded |= name.equals("error");
        Sse.event(out, name, data.getBytes(StandardCharsets.UTF_8));
    }

    private void toolCall(JsonNode toolCall, ByteArrayOutputStream out) throws IOException {
        int index = toolCall.path("index").asInt(0);
        Integer block = blockByToolIndex.get(index);
        if (block == null || toolCall.hasNonNull("id") && block != openBlock) {
            ObjectNode start = json.createObjectNode().put("type", "tool_use").put("id", toolCall.path("id").asText())
                    .put("name", toolCall.path("function").path("name").asText());
            start.putObject("input");
            close(out);
            block = open("tool_use", start, out);
            blockByToolIndex.put(index, block);
        }
        String arguments = toolCall.path("function").path("arguments").asText("");
        if (!arguments.isEmpty() && block == openBlock) {
            delta(block, json.createObjectNode().put("type", "input_json_delta").put("partial_json", arguments), out);
        }
    }

    private void start(ObjectNode chunk, ByteArrayOutputStream out) throws IOException {
        if (started) {
            return;
        }
        started = true;
        ObjectNode message = json.createObjectNode()
                .put("id", AnthropicShapes.messageId(chunk == null ? null : chunk.get("id")))
                .put("type", "message").put("role", "assistant")
                .put("model", chunk != null && chunk.hasNonNull("model") ? chunk.get("model").asText()
                        : call.deployment().model().providerModel());
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        message.set("usage", AnthropicShapes.usage(json, Usage.NONE));
        ObjectNode event = json.createObjectNode().put("type", "message_start");
        event.set("message", message);
        event(out, "message_start", event);
    }

    /** The open block when it is of {@code type} (text and thinking continue), else a new one. */
    private int open(String type, ObjectNode block, ByteArrayOutputStream out) throws IOException {
        if (openBlock >= 0 && type.equals(openType) && !type.equals("tool_use")) {
            return openBlock;
        }
        close(out);
        openBlock = nextBlock++;
        openType = type;
        ObjectNode event = json.createObjectNode().put("type", "content_block_start").put("index", openBlock);
        event.set("content_block", block);
        event(out, "content_block_start", event);
        if (!pinged) {
            pinged = true;
            Sse.event(out, "ping", PING);
        }
        return openBlock;
    }

    private void delta(int block, ObjectNode delta, ByteArrayOutputStream out) throws IOException {
        ObjectNode event = json.createObjectNode().put("type", "content_block_delta").put("index", block);
        event.set("delta", delta);
        event(out, "content_block_delta", event);
    }

    private void close(ByteArrayOutputStream out) throws IOException {
        if (openBlock >= 0) {
            event(out, "content_block_stop", json.createObjectNode().put("type", "content_block_stop").put("index", openBlock));
            openBlock = -1;
            openType = null;
        }
    }

    private void event(ByteArrayOutputStream out, String name, ObjectNode data) throws IOException {
        Sse.event(out, name, json.writeValueAsBytes(data));
    }
}
