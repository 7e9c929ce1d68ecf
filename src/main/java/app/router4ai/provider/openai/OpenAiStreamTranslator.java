package app.router4ai.provider.openai;

import app.router4ai.provider.StreamPart;
import app.router4ai.provider.StreamTranslator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenAI chunks are already what the client speaks: parse, recognise the end and errors, pass on. */
final class OpenAiStreamTranslator implements StreamTranslator {

    private final ObjectMapper json;

    OpenAiStreamTranslator(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public List<StreamPart> onEvent(String event, String data) {
        if ("[DONE]".equals(data.strip())) {
            return List.of(StreamPart.DONE);
        }
        JsonNode node;
        try {
            node = json.readTree(data);
        } catch (JsonProcessingException e) {
            return List.of(StreamPart.MALFORMED_EVENT);
        }
        if (node.has("error")) {
            JsonNode error = node.get("error");
            return List.of(new StreamPart.Failure(error.path("message").asText("The provider reported an error."),
                    error.path("type").asText("server_error"), error.path("code").asText(null)));
        }
        if (node instanceof ObjectNode chunk) {
            return List.of(new StreamPart.Chunk(chunk));
        }
        return List.of();
    }

    @Override
    public List<StreamPart> onEnd() {
        // [DONE] already ended the stream; a body that stops without it was cut.
        return List.of();
    }
}
