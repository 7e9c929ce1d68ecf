package app.router4ai.provider.gemini;

import java.util.Map;

/**
 * Gemini {@code finishReason} as OpenAI {@code finish_reason}. Gemini says STOP even when the answer
 * is a function call, so a candidate that called a function finishes with tool_calls.
 */
final class GeminiFinishReasons {

    private static final Map<String, String> FINISH_REASONS = Map.of(
            "STOP", "stop",
            "MAX_TOKENS", "length",
            "SAFETY", "content_filter",
            "RECITATION", "content_filter",
            "BLOCKLIST", "content_filter",
            "PROHIBITED_CONTENT", "content_filter",
            "SPII", "content_filter",
            "IMAGE_SAFETY", "content_filter");

    private GeminiFinishReasons() {
    }

    /** Unlisted reasons (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, ...) count as a plain stop. */
    static String finishReason(String reason, boolean calledFunction) {
        String mapped = FINISH_REASONS.getOrDefault(reason, "stop");
        return calledFunction && mapped.equals("stop") ? "tool_calls" : mapped;
    }
}
