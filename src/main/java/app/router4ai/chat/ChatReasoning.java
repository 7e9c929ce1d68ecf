package app.router4ai.chat;

import app.router4ai.call.ApiCall;
import app.router4ai.provider.Reasoning;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The model's reasoning as chat clients read it. The canonical answer carries it as {@code reasoning_content}
 * (DeepSeek's name, which most OpenAI-compatible clients read) and, for Claude, {@code reasoning_details}; the chat
 * answer adds {@code reasoning}, OpenRouter's name for the same text. With {@code reasoning.exclude} all of them are
 * left out, and a stream chunk that carried nothing else is not sent.
 */
final class ChatReasoning {

    private static final String[] FIELDS = {"reasoning_content", "reasoning", "reasoning_details"};

    private final boolean exclude;

    private ChatReasoning(boolean exclude) {
        this.exclude = exclude;
    }

    static ChatReasoning of(ApiCall call) {
        return new ChatReasoning(Reasoning.excluded(call.request()));
    }

    /** Every choice's message, in place. */
    void completion(ObjectNode completion) {
        for (JsonNode choice : completion.path("choices")) {
            if (choice.get("message") instanceof ObjectNode message) {
                fields(message);
            }
        }
    }

    /** Every choice's delta, in place; false when the chunk is left with nothing to say (then it is not sent). */
    boolean chunk(ObjectNode chunk) {
        boolean onlyExcluded = false;
        boolean sayable = chunk.path("choices").isEmpty() || chunk.hasNonNull("usage");
        for (JsonNode choice : chunk.path("choices")) {
            boolean had = choice.get("delta") instanceof ObjectNode delta && fields(delta);
            boolean empty = choice.path("delta").isEmpty() && !choice.hasNonNull("finish_reason");
            onlyExcluded |= had && empty;
            sayable |= !empty;
        }
        return sayable || !onlyExcluded;
    }

    /** Whether the message or delta had reasoning. */
    private boolean fields(ObjectNode message) {
        if (!message.has(FIELDS[0]) && !message.has(FIELDS[2])) {
            return false;
        }
        if (exclude) {
            message.remove(java.util.List.of(FIELDS));
        } else if (message.path(FIELDS[0]).isTextual()) {
            message.set(FIELDS[1], message.get(FIELDS[0]));
        }
        return true;
    }
}
