package app.router4ai.provider.anthropic;

import java.util.Map;

/** Anthropic {@code stop_reason} as OpenAI {@code finish_reason}. */
final class AnthropicStopReasons {

    private static final Map<String, String> FINISH_REASONS = Map.of(
            "end_turn", "stop",
            "stop_sequence", "stop",
            // pause_turn: a server tool paused a long turn; to an OpenAI client the answer simply ended.
            "pause_turn", "stop",
            "max_tokens", "length",
            "model_context_window_exceeded", "length",
            "tool_use", "tool_calls",
            "refusal", "content_filter");

    private AnthropicStopReasons() {
    }

    /** Unknown or missing reasons count as a normal stop. */
    static String finishReason(String stopReason) {
        return stopReason == null ? "stop" : FINISH_REASONS.getOrDefault(stopReason, "stop");
    }
}
