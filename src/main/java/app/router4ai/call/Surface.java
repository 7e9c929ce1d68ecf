package app.router4ai.call;

import java.util.Map;

/**
 * The API a client called. It decides how the request is read, which operation the providers are
 * asked for, and the shape of the answer and of its errors. Every surface goes through the same
 * pipeline (key, quota, rate limit, routing, failover, cache, ledger); only reading and writing differ.
 */
public enum Surface {
    /** OpenAI's {@code POST /v1/chat/completions}: the router's own canonical form. */
    CHAT("/v1/chat/completions", Operation.CHAT, ErrorShape.OPENAI),
    /** OpenAI's Responses API, translated to and from chat. */
    RESPONSES("/v1/responses", Operation.CHAT, ErrorShape.OPENAI),
    /** Anthropic's Messages API: passed through to Anthropic, translated for everyone else. */
    MESSAGES("/v1/messages", Operation.CHAT, ErrorShape.ANTHROPIC),
    /** OpenAI's legacy text completions. */
    COMPLETIONS("/v1/completions", Operation.COMPLETIONS, ErrorShape.OPENAI),
    EMBEDDINGS("/v1/embeddings", Operation.EMBEDDINGS, ErrorShape.OPENAI),
    MODERATIONS("/v1/moderations", Operation.MODERATIONS, ErrorShape.OPENAI);

    /** What a provider is asked to do: the canonical request each surface is turned into. */
    public enum Operation { CHAT, COMPLETIONS, EMBEDDINGS, MODERATIONS }

    /** The error object clients of the surface parse: OpenAI's {@code {"error":{…}}} or Anthropic's {@code {"type":"error",…}}. */
    public enum ErrorShape { OPENAI, ANTHROPIC }

    private static final Map<String, Surface> BY_PATH = Map.of(
            CHAT.path, CHAT, RESPONSES.path, RESPONSES, MESSAGES.path, MESSAGES,
            COMPLETIONS.path, COMPLETIONS, EMBEDDINGS.path, EMBEDDINGS, MODERATIONS.path, MODERATIONS);

    private final String path;
    private final Operation operation;
    private final ErrorShape errorShape;

    Surface(String path, Operation operation, ErrorShape errorShape) {
        this.path = path;
        this.operation = operation;
        this.errorShape = errorShape;
    }

    public String path() {
        return path;
    }

    public Operation operation() {
        return operation;
    }

    public ErrorShape errorShape() {
        return errorShape;
    }

    /** The surface served at this request path (sub-paths included, e.g. {@code /v1/messages/count_tokens}); CHAT otherwise. */
    public static Surface ofPath(String path) {
        if (path == null) {
            return CHAT;
        }
        Surface exact = BY_PATH.get(path);
        if (exact != null) {
            return exact;
        }
        for (Surface surface : values()) {
            if (path.startsWith(surface.path + "/")) {
                return surface;
            }
        }
        return CHAT;
    }
}
