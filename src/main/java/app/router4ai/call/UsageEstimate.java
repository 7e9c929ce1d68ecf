package app.router4ai.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tokens a call used by the router's own count, for a stream whose provider never reported usage (the stream
 * broke off, or the provider sent no usage after the client hung up) and for counts a provider reported that
 * cannot be true ({@link app.router4ai.billing.ProviderUsageCheck}): roughly four characters a token, as OpenAI's
 * own rule of thumb for English, so what was produced is billed rather than nothing.
 */
public final class UsageEstimate {

    private static final int CHARS_PER_TOKEN = 4;

    private long completionChars;

    /** The estimate of a complete (not streamed) answer to the request. */
    public static Usage ofAnswer(ObjectNode request, ObjectNode completion) {
        UsageEstimate estimate = new UsageEstimate();
        estimate.add(completion);
        return estimate.estimate(request);
    }

    /**
     * Counts the text a chunk (or a complete answer) carries: content, refusals, tool-call names and arguments,
     * legacy completion text.
     */
    public void add(ObjectNode chunk) {
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.has("message") ? choice.get("message") : choice.path("delta");
            completionChars += delta.path("content").asText("").length() + delta.path("refusal").asText("").length()
                    + choice.path("text").asText("").length();   // a legacy text_completion chunk
            for (JsonNode call : delta.path("tool_calls")) {
                completionChars += call.path("function").path("name").asText("").length()
                        + call.path("function").path("arguments").asText("").length();
            }
        }
    }

    public Usage estimate(ObjectNode request) {
        long promptChars = request == null ? 0 : request.path("messages").toString().length()
                + request.path("tools").toString().length() + request.path("prompt").toString().length()
                + request.path("input").toString().length();   // embeddings, moderations
        return new Usage(tokens(promptChars), tokens(completionChars), 0);
    }

    private static long tokens(long chars) {
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
