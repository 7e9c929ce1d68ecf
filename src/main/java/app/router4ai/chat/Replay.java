package app.router4ai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Splices a restarted stream onto the text the client already has: while the restarted answer is still a prefix of
 * that text it is held back; the chunk that goes past it is cut to the new part; from then on everything passes.
 * An answer that says something else, calls a tool, or finishes before it caught up has diverged: the client must
 * then get an error, never two answers run together nor a truncated one. Choice 0 only (a rescue never runs with
 * {@code n > 1}).
 */
final class Replay {

    /** What to do with one chunk of the restarted stream. */
    enum Step {
        /** Nothing in it the client lacks: drop it. */
        HOLD,
        /** Send it (its text may have been cut to what is new). */
        PASS,
        /** The restarted answer differs from what the client got. */
        DIVERGED
    }

    private final String delivered;
    private int matched;

    Replay(String delivered) {
        this.delivered = delivered;
    }

    /** Whether the restarted answer has caught up with the delivered text. */
    boolean caughtUp() {
        return matched >= delivered.length();
    }

    /** Looks at one canonical chunk of the restarted stream, cutting its text to what the client has not seen. */
    Step take(ObjectNode chunk) {
        if (caughtUp()) {
            return Step.PASS;
        }
        JsonNode choices = chunk.path("choices");
        if (choices.isEmpty()) {
            return Step.PASS;   // a usage chunk: the books, not text
        }
        for (JsonNode choice : choices) {
            if (choice.path("index").asInt(0) != 0 || !(choice.path("delta") instanceof ObjectNode delta)) {
                return Step.DIVERGED;
            }
            if (delta.has("tool_calls") || delta.hasNonNull("refusal")) {
                return Step.DIVERGED;
            }
            String text = delta.path("content").asText("");
            if (!text.isEmpty() && !consume(delta, text)) {
                return Step.DIVERGED;
            }
            if (choice.hasNonNull("finish_reason")) {
                return caughtUp() ? Step.PASS : Step.DIVERGED;
            }
            if (!delta.path("content").asText("").isEmpty()) {
                return Step.PASS;
            }
        }
        return Step.HOLD;
    }

    /** Matches {@code text} against the delivered text; leaves in the delta only what goes past it. */
    private boolean consume(ObjectNode delta, String text) {
        int left = delivered.length() - matched;
        if (text.length() <= left) {
            if (!delivered.startsWith(text, matched)) {
                return false;
            }
            matched += text.length();
            delta.remove("content");
            return true;
        }
        if (!text.startsWith(delivered.substring(matched))) {
            return false;
        }
        matched = delivered.length();
        delta.put("content", text.substring(left));
        return true;
    }
}
