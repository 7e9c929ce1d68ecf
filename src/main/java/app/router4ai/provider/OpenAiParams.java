package app.router4ai.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The chat-completions parameters every translating adapter reads the same way, whatever it then
 * calls them upstream. Kept together so that, for example, which of {@code max_completion_tokens}
 * and {@code max_tokens} wins is decided once.
 */
public final class OpenAiParams {

    private OpenAiParams() {
    }

    /** {@code logprobs: true} has no equivalent outside OpenAI, and the client would get another shape than it asked for. */
    public static void rejectLogprobs(ObjectNode request) {
        if (request.path("logprobs").asBoolean(false)) {
            throw new UnsupportedRequest("logprobs", "logprobs is not supported by this model's provider.");
        }
    }

    /** {@code max_completion_tokens} (the current name), else the older {@code max_tokens}; null when neither is set. */
    public static JsonNode maxTokens(ObjectNode request) {
        String field = request.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        return request.hasNonNull(field) ? request.get(field) : null;
    }

    /**
     * The request with {@code max_completion_tokens} and {@code max_tokens} lowered to {@code limit} where they
     * ask for more (a shallow copy then; the request itself otherwise). A limit of 0 means none is known.
     */
    public static ObjectNode clampMaxTokens(ObjectNode request, long limit) {
        if (limit <= 0 || !(above(request, "max_completion_tokens", limit) || above(request, "max_tokens", limit))) {
            return request;
        }
        ObjectNode clamped = request.objectNode();
        clamped.setAll(request);
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            if (above(request, field, limit)) {
                clamped.put(field, limit);
            }
        }
        return clamped;
    }

    private static boolean above(ObjectNode request, String field, long limit) {
        JsonNode value = request.get(field);
        return value != null && value.isNumber() && value.asLong() > limit;
    }

    /** {@code stop} as a list: a single string is one sequence; absent or null is none. */
    public static ArrayNode stopSequences(ObjectMapper json, JsonNode stop) {
        ArrayNode out = json.createArrayNode();
        if (stop != null && stop.isTextual()) {
            out.add(stop.asText());
        } else if (stop != null && stop.isArray()) {
            stop.forEach(s -> out.add(s.asText()));
        }
        return out;
    }

    /** Copies {@code field} under the provider's name {@code as}, value unchanged, when the client set it (non-null). */
    public static void copy(ObjectNode from, String field, ObjectNode to, String as) {
        if (from.hasNonNull(field)) {
            to.set(as, from.get(field));
        }
    }
}
