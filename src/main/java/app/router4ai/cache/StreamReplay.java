package app.router4ai.cache;

import app.router4ai.call.StreamEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A cached completion told again as the canonical chunks a live stream would have brought (per choice a
 * role + content + tool calls chunk and a finish chunk, then the usage chunk), written by the client's
 * {@link StreamEncoder}: a replay is a valid stream of whatever surface asked, {@code _ram} where it goes.
 */
final class StreamReplay {

    private StreamReplay() {
    }

    static byte[] events(ObjectNode completion, StreamEncoder encoder, ObjectMapper json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode choice : completion.path("choices")) {
            int index = choice.path("index").asInt(0);
            JsonNode message = choice.path("message");
            ObjectNode content = chunk(completion, json, index);
            ObjectNode delta = ((ObjectNode) content.get("choices").get(0)).putObject("delta").put("role", "assistant");
            for (String reasoning : new String[] {"reasoning_content", "reasoning_details"}) {
                if (message.hasNonNull(reasoning)) {
                    delta.set(reasoning, message.get(reasoning));
                }
            }
            if (message.hasNonNull("content")) {
                delta.put("content", message.get("content").asText());
            }
            if (message.has("tool_calls")) {
                ArrayNode calls = delta.putArray("tool_calls");
                int i = 0;
                for (JsonNode toolCall : message.get("tool_calls")) {
                    calls.add(((ObjectNode) toolCall.deepCopy()).put("index", i++));
                }
            }
            encoder.chunk(content, out);
            ObjectNode finish = chunk(completion, json, index);
            ((ObjectNode) finish.get("choices").get(0)).putObject("delta");
            ((ObjectNode) finish.get("choices").get(0)).set("finish_reason", choice.get("finish_reason"));
            encoder.chunk(finish, out);
        }
        ObjectNode usage = base(completion, json);
        usage.putArray("choices");
        usage.set("usage", completion.get("usage"));
        encoder.usage(usage, out);
        encoder.done(out);
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
}
