package app.router4ai.routing;

import app.router4ai.call.Surface.Operation;
import java.util.Locale;

/**
 * What a catalog model does, and so which operation it can be asked for: a chat model answers chat-like
 * surfaces (chat completions, Responses, Messages); the others answer only their own endpoint.
 */
public enum ModelKind {
    CHAT(Operation.CHAT),
    /** OpenAI's legacy text-completion models ({@code gpt-3.5-turbo-instruct}, {@code davinci-002}). */
    COMPLETION(Operation.COMPLETIONS),
    EMBEDDING(Operation.EMBEDDINGS),
    MODERATION(Operation.MODERATIONS);

    private final Operation operation;

    ModelKind(Operation operation) {
        this.operation = operation;
    }

    public Operation operation() {
        return operation;
    }

    /** As the routing file writes it: {@code chat}, {@code completion}, {@code embedding}, {@code moderation}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a routing file names; null when it names none of them. */
    static ModelKind parse(String label) {
        for (ModelKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        return null;
    }
}
