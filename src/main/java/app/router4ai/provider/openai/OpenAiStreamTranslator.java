package app.router4ai.provider.openai;

import app.router4ai.provider.OpenAiChunks;
import app.router4ai.provider.StreamPart;
import app.router4ai.provider.StreamTranslator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * OpenAI chunks are already what the client speaks: parse, recognise the end and errors, pass on. Two
 * departures of OpenAI-compatible providers are evened out here. Usage sent on chunks that carry choices
 * (DeepSeek puts it on the finish chunk) is taken off them and sent as the usage chunk of its own that the
 * canonical form has, just before the end, as OpenAI does. A stream whose every choice finished is complete
 * even if the body ends without {@code [DONE]}.
 */
final class OpenAiStreamTranslator implements StreamTranslator {

    private final ObjectMapper json;
    private final Set<Integer> open = new HashSet<>();
    private boolean anyFinished;
    private ObjectNode heldUsage;

    OpenAiStreamTranslator(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public List<StreamPart> onEvent(String event, String data) {
        if ("[DONE]".equals(data.strip())) {
            return end();
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
        if (!(node instanceof ObjectNode chunk)) {
            return List.of();
        }
        JsonNode choices = chunk.path("choices");
        track(choices);
        if (chunk.hasNonNull("usage") && !choices.isEmpty()) {
            heldUsage = OpenAiChunks.usageChunk(headOf(chunk), chunk.get("usage"));
            chunk.putNull("usage");
        } else if (chunk.hasNonNull("usage")) {
            heldUsage = null; // a usage chunk of its own: the provider's count, as sent
        }
        return List.of(new StreamPart.Chunk(chunk));
    }

    @Override
    public List<StreamPart> onEnd() {
        // [DONE] normally ends the stream first; without it, the answer is whole if every choice finished.
        return anyFinished && open.isEmpty() ? end() : List.of();
    }

    private List<StreamPart> end() {
        if (heldUsage == null) {
            return List.of(StreamPart.DONE);
        }
        StreamPart usage = new StreamPart.Chunk(heldUsage);
        heldUsage = null;
        return List.of(usage, StreamPart.DONE);
    }

    private void track(JsonNode choices) {
        for (JsonNode choice : choices) {
            int index = choice.path("index").asInt(0);
            if (choice.hasNonNull("finish_reason")) {
                open.remove(index);
                anyFinished = true;
            } else {
                open.add(index);
            }
        }
    }

    private ObjectNode headOf(ObjectNode chunk) {
        ObjectNode head = json.createObjectNode();
        chunk.properties().forEach(field -> {
            if (!field.getKey().equals("choices") && !field.getKey().equals("usage")) {
                head.set(field.getKey(), field.getValue());
            }
        });
        return head;
    }
}
