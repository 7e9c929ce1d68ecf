package app.router4ai.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What a candidate's parts say, for an OpenAI client: the answer text, the thought summaries (parts marked
 * {@code thought: true}, which Gemini sends when asked to include thoughts; null when there are none) and the
 * function calls, with args as a JSON string.
 */
record GeminiCandidateParts(String text, String thoughts, List<Call> calls) {

    /** One functionCall part: Gemini's id (usually null), name and args serialised. */
    record Call(String providerId, String name, String arguments) {
    }

    static GeminiCandidateParts of(ObjectMapper json, JsonNode candidate) {
        StringBuilder text = null;
        StringBuilder thoughts = null;
        List<Call> calls = new ArrayList<>();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("thought").asBoolean(false)) {
                thoughts = thoughts == null ? new StringBuilder() : thoughts;
                thoughts.append(part.path("text").asText(""));
                continue;
            }
            if (part.has("text")) {
                text = text == null ? new StringBuilder() : text;
                text.append(part.get("text").asText());
            } else if (part.has("functionCall")) {
                JsonNode call = part.get("functionCall");
                calls.add(new Call(call.path("id").asText(null), call.path("name").asText(), write(json, call.get("args"))));
            }
        }
        return new GeminiCandidateParts(text == null ? null : text.toString(), thoughts == null ? null : thoughts.toString(), calls);
    }

    private static String write(ObjectMapper json, JsonNode args) {
        try {
            return json.writeValueAsString(args == null || args.isNull() ? json.createObjectNode() : args);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
