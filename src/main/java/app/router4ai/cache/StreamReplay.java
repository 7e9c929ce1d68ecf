package app.router4ai.cache;

import app.router4ai.call.ApiCall;
import app.router4ai.call.RamBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A cached completion told again as a valid OpenAI stream: per choice a role+content chunk, a tool
 * calls chunk, a finish chunk; the usage chunk when asked for; {@code _ram} where a live stream puts it.
 */
final class StreamReplay {

    private StreamReplay() {
    }

    static byte[] events(ObjectNode completion, ApiCall call, ObjectMapper json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ObjectNode last = null;
        for (JsonNode choice : completion.path("choices")) {
            int index = choice.path("index").asInt(0);
            JsonNode message = choice.path("message");
            ObjectNode delta = chunk(completion, json, index);
            ObjectNode d = ((ObjectNode) delta.get("choices").get(0)).putObject("delta").put("role", "assistant");
            if (message.hasNonNull("content")) {
                d.put("content", message.get("content").asText());
            }
            if (message.has("tool_calls")) {
                ArrayNode calls = d.putArray("tool_calls");
                int i = 0;
                for (JsonNode toolCall : message.get("tool_calls")) {
                    calls.add(((ObjectNode) toolCall.deepCopy()).put("index", i++));
                }
            }
            write(out, delta, json);
            ObjectNode finish = chunk(completion, json, index);
            ((ObjectNode) finish.get("choices").get(0)).putObject("delta");
            ((ObjectNode) finish.get("choices").get(0)).set("finish_reason", choice.get("finish_reason"));
            last = finish;
            if (call.clientWantsUsage()) {
                write(out, finish, json);
            }
        }
        if (call.clientWantsUsage()) {
            ObjectNode usage = base(completion, json);
            usage.putArray("choices");
            usage.set("usage", completion.get("usage"));
            RamBlock.attach(usage, call);
            write(out, usage, json);
        } else if (last != null) {
            RamBlock.attach(last, call);
            write(out, last, json);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static ObjectNode chunk(ObjectNode completion, ObjectMapper json, int index) {
        ObjectNode chunk = base(completion, json);
        chunk.putArray("choices").addObject().put("index", index).putNull("finish_reason");
        return chunk;
    }

    private static ObjectNode base(ObjectNode completion, ObjectMapper json) {
        ObjectNode chunk = json.createObjectNode();
        chunk.set("id", completion.get("id"));
        chunk.put("object", "chat.completion.chunk");
        chunk.set("created", completion.get("created"));
        chunk.set("model", completion.get("model"));
        return chunk;
    }

    private static void write(ByteArrayOutputStream out, ObjectNode node, ObjectMapper json) throws IOException {
        out.write("data: ".getBytes(StandardCharsets.US_ASCII));
        out.write(json.writeValueAsBytes(node));
        out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
    }
}
