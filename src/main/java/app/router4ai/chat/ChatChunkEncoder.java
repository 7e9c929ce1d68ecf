package app.router4ai.chat;

import app.router4ai.call.ApiCall;
import app.router4ai.call.RamBlock;
import app.router4ai.call.Sse;
import app.router4ai.call.StreamEncoder;
import app.router4ai.call.Surface;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream as OpenAI's chat-completions clients read it: {@code data:} chunks (each made valid against OpenAI's
 * description, {@link ChatConformance}), {@code data: [DONE]}. The
 * router always asks the provider for usage; when the client did not, the usage chunk is dropped and the
 * finish chunk is held until usage is known, so {@code _ram} (on the usage chunk, or else on the finish
 * chunk) carries the exact cost.
 */
public final class ChatChunkEncoder implements StreamEncoder {

    static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ApiCall call;
    private final ObjectMapper json;
    private final List<ObjectNode> heldFinishChunks = new ArrayList<>();
    private final ChatConformance conformance;   // null for legacy text completions, which are not chat chunks
    private final ChatReasoning reasoning;

    public ChatChunkEncoder(ApiCall call, ObjectMapper json) {
        this.call = call;
        this.json = json;
        this.conformance = call.surface().operation() == Surface.Operation.CHAT ? ChatConformance.of(call) : null;
        this.reasoning = ChatReasoning.of(call);
    }

    @Override
    public void chunk(ObjectNode chunk, ByteArrayOutputStream out) throws IOException {
        if (conformance != null) {
            if (!reasoning.chunk(chunk)) {
                return;   // only excluded reasoning
            }
            conformance.chunk(chunk);
        }
        if (!call.clientWantsUsage()) {
            chunk.remove("usage");
            if (hasFinishReason(chunk.get("choices"))) {
                heldFinishChunks.add(chunk);
                return;
            }
        }
        write(out, chunk);
    }

    @Override
    public void usage(ObjectNode chunk, ByteArrayOutputStream out) throws IOException {
        if (call.clientWantsUsage()) {
            if (conformance != null) {
                conformance.chunk(chunk);
            }
            RamBlock.attach(chunk, call);
            write(out, chunk);
        }
    }

    @Override
    public void done(ByteArrayOutputStream out) throws IOException {
        if (!heldFinishChunks.isEmpty()) {
            RamBlock.attach(heldFinishChunks.getLast(), call);
        }
        flushHeld(out);
        out.write(DONE);
    }

    @Override
    public void failure(String message, String type, String code, ByteArrayOutputStream out) throws IOException {
        flushHeld(out);
        ObjectNode error = json.createObjectNode();
        error.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        write(out, error);
    }

    private void flushHeld(ByteArrayOutputStream out) throws IOException {
        for (ObjectNode held : heldFinishChunks) {
            write(out, held);
        }
        heldFinishChunks.clear();
    }

    private void write(ByteArrayOutputStream out, ObjectNode node) throws IOException {
        Sse.data(out, json.writeValueAsBytes(node));
    }

    private static boolean hasFinishReason(JsonNode choices) {
        if (choices != null) {
            for (JsonNode choice : choices) {
                if (choice.hasNonNull("finish_reason")) {
                    return true;
                }
            }
        }
        return false;
    }
}
