package app.router4ai.provider.gemini;

import app.router4ai.provider.OpenAiChunks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.UUID;

/**
 * A Gemini GenerateContentResponse as an OpenAI {@code chat.completion}: one choice per candidate;
 * a prompt Gemini blocked outright (no candidates, {@code promptFeedback.blockReason}) becomes one
 * empty choice finished by content_filter. {@code model} is Gemini's {@code modelVersion}.
 */
final class GeminiResponseMapper {

    private final ObjectMapper json;
    private final Clock clock;

    GeminiResponseMapper(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    ObjectNode map(JsonNode body, String fallbackModel) {
        if (!body.isObject() || body.has("error")) {
            throw new IllegalArgumentException("not a Gemini GenerateContentResponse");
        }
        String responseId = body.hasNonNull("responseId") ? body.get("responseId").asText() : UUID.randomUUID().toString();
        ObjectNode completion = OpenAiChunks.completion(json, "chatcmpl-" + responseId,
                clock.instant().getEpochSecond(), body.path("modelVersion").asText(fallbackModel));
        ArrayNode choices = completion.putArray("choices");
        JsonNode candidates = body.path("candidates");
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode candidate = candidates.get(i);
            choices.add(choice(candidate, candidate.path("index").asInt(i), responseId));
        }
        if (choices.isEmpty()) {
            String reason = body.path("promptFeedback").hasNonNull("blockReason") ? "content_filter" : "stop";
            ObjectNode choice = choices.addObject().put("index", 0);
            choice.putObject("message").put("role", "assistant").putNull("content").putNull("refusal");
            choice.putNull("logprobs");
            choice.put("finish_reason", reason);
        }
        completion.set("usage", GeminiUsage.toOpenAi(json, body.get("usageMetadata")));
        return completion;
    }

    private ObjectNode choice(JsonNode candidate, int index, String responseId) {
        GeminiCandidateParts parts = GeminiCandidateParts.of(json, candidate);
        ObjectNode choice = json.createObjectNode().put("index", index);
        ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", parts.text());
        message.putNull("refusal");
        if (parts.thoughts() != null) {
            message.put("reasoning_content", parts.thoughts());
        }
        if (!parts.calls().isEmpty()) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (int p = 0; p < parts.calls().size(); p++) {
                GeminiCandidateParts.Call call = parts.calls().get(p);
                toolCalls.addObject()
                        .put("id", GeminiToolCallIds.idFor(call.providerId(), responseId, index, p, call.name()))
                        .put("type", "function")
                        .putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", GeminiFinishReasons.finishReason(candidate.path("finishReason").asText(null), !parts.calls().isEmpty()));
        return choice;
    }
}
