package app.router4ai.provider.gemini;

import app.router4ai.provider.OpenAiChunks;
import app.router4ai.provider.StreamPart;
import app.router4ai.provider.StreamTranslator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Gemini's SSE stream ({@code alt=sse}: every data line a whole GenerateContentResponse) as OpenAI
 * chunks, one per candidate per event. A functionCall arrives whole, so its tool-call delta carries
 * the complete arguments at once. Gemini sends no terminator: the stream counts as finished once a
 * finishReason (or a blocked prompt) was seen, and then the end of the body yields the usage chunk,
 * built from the last usageMetadata, and DONE.
 */
final class GeminiStreamTranslator implements StreamTranslator {

    private final ObjectMapper json;
    private final long created;
    private final Set<Integer> started = new HashSet<>();
    private final Map<Integer, Integer> callsByCandidate = new HashMap<>();

    private String responseId;
    private String model;
    private JsonNode usageMetadata;
    private boolean finished;

    GeminiStreamTranslator(ObjectMapper json, Clock clock, String fallbackModel) {
        this.json = json;
        this.created = clock.instant().getEpochSecond();
        this.model = fallbackModel;
    }

    @Override
    public List<StreamPart> onEvent(String event, String data) {
        JsonNode node;
        try {
            node = json.readTree(data);
        } catch (JsonProcessingException e) {
            return List.of(StreamPart.MALFORMED_EVENT);
        }
        if (node.has("error")) {
            return List.of(GeminiErrors.streamFailure(node.get("error")));
        }
        if (responseId == null) {
            responseId = node.hasNonNull("responseId") ? node.get("responseId").asText() : UUID.randomUUID().toString();
        }
        model = node.path("modelVersion").asText(model);
        if (node.hasNonNull("usageMetadata")) {
            usageMetadata = node.get("usageMetadata");
        }
        List<StreamPart> parts = new ArrayList<>();
        JsonNode candidates = node.path("candidates");
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode candidate = candidates.get(i);
            ObjectNode chunk = candidateChunk(candidate, candidate.path("index").asInt(i));
            if (chunk != null) {
                parts.add(new StreamPart.Chunk(chunk));
            }
        }
        if (candidates.isEmpty() && node.path("promptFeedback").hasNonNull("blockReason")) {
            finished = true;
            parts.add(new StreamPart.Chunk(chunk(0, json.createObjectNode().put("role", "assistant"), "content_filter")));
        }
        return parts;
    }

    @Override
    public List<StreamPart> onEnd() {
        if (!finished) {
            return List.of();
        }
        ObjectNode usageChunk = OpenAiChunks.usageChunk(head(), GeminiUsage.toOpenAi(json, usageMetadata));
        return List.of(new StreamPart.Chunk(usageChunk), StreamPart.DONE);
    }

    private ObjectNode candidateChunk(JsonNode candidate, int index) {
        GeminiCandidateParts parts = GeminiCandidateParts.of(json, candidate);
        // The first delta of a choice opens it as OpenAI's do: content "" before text, null beside a tool call.
        ObjectNode delta = started.add(index)
                ? OpenAiChunks.openingDelta(json, parts.text() != null || parts.calls().isEmpty())
                : json.createObjectNode();
        if (parts.thoughts() != null && !parts.thoughts().isEmpty()) {
            delta.put("reasoning_content", parts.thoughts());
        }
        if (parts.text() != null) {
            delta.put("content", parts.text());
        }
        if (!parts.calls().isEmpty()) {
            ArrayNode toolCalls = delta.putArray("tool_calls");
            for (GeminiCandidateParts.Call call : parts.calls()) {
                int position = callsByCandidate.merge(index, 1, Integer::sum) - 1;
                ObjectNode toolCall = toolCalls.addObject().put("index", position)
                        .put("id", GeminiToolCallIds.idFor(call.providerId(), responseId, index, position, call.name()))
                        .put("type", "function");
                toolCall.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        String finishReason = null;
        if (candidate.hasNonNull("finishReason")) {
            finished = true;
            finishReason = GeminiFinishReasons.finishReason(candidate.get("finishReason").asText(), callsByCandidate.containsKey(index));
        }
        return delta.isEmpty() && finishReason == null ? null : chunk(index, delta, finishReason);
    }

    private ObjectNode chunk(int index, ObjectNode delta, String finishReason) {
        return OpenAiChunks.choiceChunk(head(), index, delta, finishReason);
    }

    private ObjectNode head() {
        return OpenAiChunks.chunkHead(json, "chatcmpl-" + responseId, created, model);
    }
}
