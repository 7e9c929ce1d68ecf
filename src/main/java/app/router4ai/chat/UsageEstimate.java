package app.router4ai.chat;

import app.router4ai.call.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tokens a stream produced when the provider never reported usage (the stream broke off, or the
 * provider sent no usage after the client hung up): roughly four characters a token, as OpenAI's own
 * rule of thumb for English, so what was produced is billed rather than nothing.
 */
final class UsageEstimate {

    private static final int CHARS_PER_TOKEN = 4;

    private long completionChars;

    /** Counts the text a chunk carries: content, refusals, tool-call names and arguments, legacy completion text. */
    void add(ObjectNode chunk) {
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            completionChars += delta.path("content").asText("").length() + delta.path("refusal").asText("").length()
                    + choice.path("text").asText("").length();   // a legacy text_completion chunk
            for (JsonNode call : delta.path("tool_calls")) {
                completionChars += call.path("function").path("name").asText("").length()
                        + call.path("function").path("arguments").asText("").length();
            }
        }
    }

    Usage estimate(ObjectNode request) {
        long promptChars = request == null ? 0 : request.path("messages").toString().length()
                + request.path("tools").toString().length() + request.path("prompt").toString().length();
        return new Usage(tokens(promptChars), tokens(completionChars), 0);
    }

    private static long tokens(long chars) {
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
