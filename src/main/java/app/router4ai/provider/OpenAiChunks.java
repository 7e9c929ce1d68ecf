package app.router4ai.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fixed parts of the OpenAI objects a translating adapter builds: the id/object/created/model
 * head of a {@code chat.completion} or {@code chat.completion.chunk}, and the two chunk shapes (one
 * choice's delta, or the closing usage chunk). Clients check these fields strictly, so they are
 * written in one place; what goes into a delta or a message stays with each adapter.
 */
public final class OpenAiChunks {

    private OpenAiChunks() {
    }

    /** The head of a {@code chat.completion}. */
    public static ObjectNode completion(ObjectMapper json, String id, long created, String model) {
        return head(json, id, "chat.completion", created, model);
    }

    /** The head of a {@code chat.completion.chunk}, to be given its choices and usage. */
    public static ObjectNode chunkHead(ObjectMapper json, String id, long created, String model) {
        return head(json, id, "chat.completion.chunk", created, model);
    }

    /** A chunk with one choice: its delta and finish reason (null until it finishes), {@code usage: null}. */
    public static ObjectNode choiceChunk(ObjectNode head, int index, ObjectNode delta, String finishReason) {
        ObjectNode choice = head.putArray("choices").addObject().put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        head.putNull("usage");
        return head;
    }

    /**
     * The delta that opens a choice, as OpenAI's own streams do: the role with {@code content: ""} when the answer
     * starts with text (the text follows), {@code content: null} when it starts with a tool call (which is then added
     * to this delta). Clients tell the two apart: the Vercel AI SDK opens a text part for an empty string.
     */
    public static ObjectNode openingDelta(ObjectMapper json, boolean text) {
        ObjectNode delta = json.createObjectNode().put("role", "assistant");
        return text ? delta.put("content", "") : delta.putNull("content");
    }

    /** The closing usage chunk: {@code choices: []} and the usage. */
    public static ObjectNode usageChunk(ObjectNode head, JsonNode usage) {
        head.putArray("choices");
        head.set("usage", usage);
        return head;
    }

    private static ObjectNode head(ObjectMapper json, String id, String object, long created, String model) {
        return json.createObjectNode().put("id", id).put("object", object).put("created", created).put("model", model);
    }
}
