package app.router4ai.messages;

import app.router4ai.api.ApiFormat;
import app.router4ai.call.ApiCall;
import app.router4ai.call.RamBlock;
import app.router4ai.call.StreamEncoder;
import app.router4ai.call.Surface;
import app.router4ai.call.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * Anthropic's Messages format. A passed-through answer goes back as Anthropic's bytes with {@code _ram}
 * added as the message's last field; a translated (or cached) one is written from the canonical completion:
 * reasoning as a thinking block, text, tool calls as tool_use blocks, the stop reason and usage.
 */
@Component
public class MessagesFormat implements ApiFormat {

    private final ObjectMapper json;

    public MessagesFormat(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Surface surface() {
        return Surface.MESSAGES;
    }

    @Override
    public byte[] answer(ObjectNode completion, ApiCall call) throws IOException {
        ObjectNode ram = json.createObjectNode();
        RamBlock.attach(ram, call);
        if (call.nativeAnswer() != null) {
            return withField(call.nativeAnswer(), RamBlock.FIELD, json.writeValueAsBytes(ram.get(RamBlock.FIELD)));
        }
        ObjectNode message = message(completion);
        message.set(RamBlock.FIELD, ram.get(RamBlock.FIELD));
        return json.writeValueAsBytes(message);
    }

    @Override
    public StreamEncoder streamEncoder(ApiCall call) {
        return new MessagesStreamEncoder(call, json);
    }

    /** The canonical completion's first choice as an Anthropic message. */
    ObjectNode message(ObjectNode completion) {
        JsonNode choice = completion.path("choices").path(0);
        JsonNode reply = choice.path("message");
        ObjectNode message = json.createObjectNode()
                .put("id", AnthropicShapes.messageId(completion.get("id")))
                .put("type", "message")
                .put("role", "assistant")
                .put("model", completion.path("model").asText());
        ArrayNode content = message.putArray("content");
        if (!reply.path("reasoning_content").asText("").isEmpty()) {
            content.addObject().put("type", "thinking").put("thinking", reply.get("reasoning_content").asText()).put("signature", "");
        }
        if (!reply.path("content").asText("").isEmpty()) {
            content.addObject().put("type", "text").put("text", reply.get("content").asText());
        }
        for (JsonNode call : reply.path("tool_calls")) {
            content.addObject().put("type", "tool_use").put("id", call.path("id").asText())
                    .put("name", call.path("function").path("name").asText())
                    .set("input", AnthropicShapes.toolInput(json, call.path("function").path("arguments").asText(null)));
        }
        message.put("stop_reason", AnthropicShapes.stopReason(choice.path("finish_reason").asText(null)));
        message.putNull("stop_sequence");
        message.set("usage", AnthropicShapes.usage(json, Usage.fromOpenAi(completion.get("usage"))));
        return message;
    }

    /** {@code object} (a JSON object's bytes) with one more field at its end, every other byte as it was. */
    static byte[] withField(byte[] object, String name, byte[] value) {
        int end = object.length - 1;
        while (end > 0 && object[end] != '}') {
            end--;
        }
        int before = end - 1;
        while (before > 0 && Character.isWhitespace(object[before])) {
            before--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(object.length + value.length + name.length() + 8);
        out.write(object, 0, end);
        if (object[before] != '{') {
            out.write(',');
        }
        out.writeBytes(("\"" + name + "\":").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(value);
        out.write(object, end, object.length - end);
        return out.toByteArray();
    }
}
