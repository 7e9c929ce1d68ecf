package app.router4ai.embeddings;

import app.router4ai.api.ApiFormat;
import app.router4ai.call.ApiCall;
import app.router4ai.call.RamBlock;
import app.router4ai.call.StreamEncoder;
import app.router4ai.call.Surface;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Embeddings as OpenAI answers them, with {@code _ram}. The canonical answer holds floats; a client that asked
 * for {@code encoding_format: base64} gets each vector as OpenAI encodes it: little-endian float32s in base64.
 */
@Component
public class EmbeddingsFormat implements ApiFormat {

    private final ObjectMapper json;

    public EmbeddingsFormat(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Surface surface() {
        return Surface.EMBEDDINGS;
    }

    @Override
    public byte[] answer(ObjectNode answer, ApiCall call) throws IOException {
        if ("base64".equals(call.clientBody().path("encoding_format").asText())) {
            for (JsonNode item : answer.path("data")) {
                if (item.path("embedding").isArray() && item instanceof ObjectNode embedding) {
                    embedding.put("embedding", base64(item.get("embedding")));
                }
            }
        }
        RamBlock.attach(answer, call);
        return json.writeValueAsBytes(answer);
    }

    static String base64(JsonNode vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        vector.forEach(value -> bytes.putFloat(value.floatValue()));
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** Embeddings are never streamed: the parser leaves {@code stream} off. */
    @Override
    public StreamEncoder streamEncoder(ApiCall call) {
        throw new UnsupportedOperationException("embeddings are not streamed");
    }
}
