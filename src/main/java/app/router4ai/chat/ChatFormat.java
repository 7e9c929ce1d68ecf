package app.router4ai.chat;

import app.router4ai.api.ApiFormat;
import app.router4ai.call.ApiCall;
import app.router4ai.call.RamBlock;
import app.router4ai.call.StreamEncoder;
import app.router4ai.call.Surface;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.springframework.stereotype.Component;

/** Chat completions: the canonical form itself, made valid against OpenAI's description ({@link ChatConformance}), with {@code _ram} added. */
@Component
public class ChatFormat implements ApiFormat {

    private final ObjectMapper json;

    public ChatFormat(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Surface surface() {
        return Surface.CHAT;
    }

    @Override
    public byte[] answer(ObjectNode completion, ApiCall call) throws IOException {
        if (call.surface().operation() == Surface.Operation.CHAT) {   // legacy completions and moderations keep their own shape
            ChatConformance.of(call).completion(completion);
            ChatReasoning.of(call).completion(completion);
        }
        RamBlock.attach(completion, call);
        return json.writeValueAsBytes(completion);
    }

    @Override
    public StreamEncoder streamEncoder(ApiCall call) {
        return new ChatChunkEncoder(call, json);
    }
}
