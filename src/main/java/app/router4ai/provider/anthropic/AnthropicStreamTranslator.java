package app.router4ai.provider.anthropic;

import app.router4ai.provider.OpenAiChunks;
import app.router4ai.provider.StreamPart;
import app.router4ai.provider.StreamTranslator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's named stream events as OpenAI chunks. message_start gives the id, model and prompt usage;
 * the first chunk (the role) waits for the first block, so that it opens the way OpenAI's do: with
 * {@code content: ""} before text, {@code content: null} beside a first tool call. Text and tool-input
 * deltas follow block by block; message_delta
 * carries the stop reason (the finish chunk) and the cumulative output count; message_stop ends the
 * stream with the usage chunk and DONE. Tool blocks are numbered 0, 1, ... in the order they open,
 * because OpenAI indexes tool calls, not content blocks. When the request asked for a JSON schema, the
 * {@link AnthropicJsonResponse#TOOL} block is the answer: its input fragments stream as content, and
 * the answer finishes with {@code stop}. Thinking streams as {@code reasoning_content} deltas, and every thinking
 * block as {@code reasoning_details} pieces (its text, then its signature; a redacted block whole) sharing the
 * block's index among the thinking blocks, as OpenRouter streams them ({@link AnthropicReasoningDetails}).
 */
final class AnthropicStreamTranslator implements StreamTranslator {

    private final ObjectMapper json;
    private final long created;
    private final AnthropicUsage usage = new AnthropicUsage();
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private final Map<Integer, Integer> thinkingIndexByBlock = new HashMap<>();
    private final boolean jsonAsked;
    private int jsonAnswerBlock = -1;

    private String id = "chatcmpl-anthropic";
    private String model;
    private boolean opened;
    private boolean stopReasonSeen;
    private boolean stopped;

    AnthropicStreamTranslator(ObjectMapper json, Clock clock, String fallbackModel, boolean jsonAsked) {
        this.json = json;
        this.jsonAsked = jsonAsked;
        this.created = clock.instant().getEpochSecond();
        this.model = fallbackModel;
    }

    @Override
    public List<StreamPart> onEvent(String event, String data) {
        JsonNode node;
        try {
            node = json.readTree(data);
        } catch (JsonProcessingException e) {
            return List.of(StreamPart.MALFORMED_EVENT);
        }
        // The data's own type is authoritative; the event: line repeats it.
        String type = node.path("type").asText(event == null ? "" : event);
        return switch (type) {
            case "message_start" -> messageStart(node.path("message"));
            case "content_block_start" -> blockStart(node.path("index").asInt(), node.path("content_block"));
            case "content_block_delta" -> blockDelta(node.path("index").asInt(), node.path("delta"));
            case "message_delta" -> messageDelta(node);
            case "message_stop" -> messageStop();
            case "error" -> List.of(AnthropicErrors.streamFailure(node.path("error")));
            default -> List.of(); // ping, content_block_stop, and event types added later
        };
    }

    @Override
    public List<StreamPart> onEnd() {
        // Anthropic ends with message_stop; a stream cut after message_delta had stopped the answer is whole.
        return stopReasonSeen ? messageStop() : List.of();
    }

    private List<StreamPart> messageStart(JsonNode message) {
        id = "chatcmpl-" + message.path("id").asText();
        model = message.path("model").asText(model);
        usage.update(message.get("usage"));
        return List.of();
    }

    /** The role, the first time something visible comes: text (or nothing at all) or a tool call. */
    private ObjectNode delta(boolean text) {
        if (opened) {
            return json.createObjectNode();
        }
        opened = true;
        return OpenAiChunks.openingDelta(json, text);
    }

    private List<StreamPart> blockStart(int blockIndex, JsonNode block) {
        if (AnthropicJsonResponse.isAnswer(block, jsonAsked)) {
            jsonAnswerBlock = blockIndex;
            return opened ? List.of() : List.of(chunk(delta(true), null));
        }
        if ("tool_use".equals(block.path("type").asText())) {
            int toolIndex = toolIndexByBlock.size();
            toolIndexByBlock.put(blockIndex, toolIndex);
            ObjectNode call = json.createObjectNode().put("index", toolIndex)
                    .put("id", block.path("id").asText()).put("type", "function");
            call.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
            ObjectNode delta = delta(false);
            delta.putArray("tool_calls").add(call);
            return List.of(chunk(delta, null));
        }
        if (block.path("type").asText().matches("thinking|redacted_thinking")) {
            int thinkingIndex = thinkingIndexByBlock.size();
            thinkingIndexByBlock.put(blockIndex, thinkingIndex);
            if ("redacted_thinking".equals(block.path("type").asText())) {
                return List.of(reasoningChunk(null, AnthropicReasoningDetails.detail(json, block, thinkingIndex)));
            }
            return List.of();
        }
        if ("text".equals(block.path("type").asText())) {
            boolean opening = !opened;
            ObjectNode delta = delta(true);
            if (!block.path("text").asText().isEmpty()) {
                delta.put("content", block.path("text").asText());
            }
            return opening || delta.has("content") ? List.of(chunk(delta, null)) : List.of();
        }
        return List.of();
    }

    private List<StreamPart> blockDelta(int blockIndex, JsonNode delta) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> {
                return List.of(chunk(delta(true).put("content", delta.path("text").asText()), null));
            }
            case "input_json_delta" -> {
                Integer toolIndex = toolIndexByBlock.get(blockIndex);
                String fragment = delta.path("partial_json").asText();
                if (blockIndex == jsonAnswerBlock && !fragment.isEmpty()) {
                    return List.of(chunk(delta(true).put("content", fragment), null));
                }
                if (toolIndex == null || fragment.isEmpty()) {
                    return List.of();
                }
                ObjectNode call = json.createObjectNode().put("index", toolIndex);
                call.putObject("function").put("arguments", fragment);
                return List.of(toolChunk(call));
            }
            case "thinking_delta" -> {
                String piece = delta.path("thinking").asText("");
                ObjectNode detail = AnthropicReasoningDetails.detail(json,
                        json.createObjectNode().put("type", "thinking").put("thinking", piece), thinkingIndex(blockIndex));
                return piece.isEmpty() ? List.of() : List.of(reasoningChunk(piece, detail));
            }
            case "signature_delta" -> {
                ObjectNode detail = AnthropicReasoningDetails.detail(json, json.createObjectNode().put("type", "thinking")
                        .put("thinking", "").put("signature", delta.path("signature").asText()), thinkingIndex(blockIndex));
                detail.remove("text");
                return List.of(reasoningChunk(null, detail));
            }
            default -> {
                return List.of(); // delta types added later
            }
        }
    }

    private List<StreamPart> messageDelta(JsonNode node) {
        usage.update(node.get("usage"));
        String stopReason = node.path("delta").path("stop_reason").asText(null);
        if (stopReason == null) {
            return List.of();
        }
        stopReasonSeen = true;
        String finishReason = AnthropicStopReasons.finishReason(stopReason);
        if (jsonAnswerBlock >= 0 && toolIndexByBlock.isEmpty() && "tool_calls".equals(finishReason)) {
            finishReason = "stop";
        }
        return List.of(chunk(delta(true), finishReason));
    }

    private List<StreamPart> messageStop() {
        if (stopped) {
            return List.of();
        }
        stopped = true;
        List<StreamPart> parts = new ArrayList<>(2);
        parts.add(usagePart());
        parts.add(StreamPart.DONE);
        return parts;
    }

    /** The usage chunk with the figures reported so far (they are cumulative). */
    StreamPart usagePart() {
        return new StreamPart.Chunk(OpenAiChunks.usageChunk(head(), usage.toOpenAi(json)));
    }

    private int thinkingIndex(int blockIndex) {
        return thinkingIndexByBlock.computeIfAbsent(blockIndex, k -> thinkingIndexByBlock.size());
    }

    /** A delta with thinking text (null for none) and one reasoning_details piece. */
    private StreamPart reasoningChunk(String text, ObjectNode detail) {
        ObjectNode delta = delta(true);
        if (text != null) {
            delta.put("reasoning_content", text);
        }
        delta.putArray(AnthropicReasoningDetails.FIELD).add(detail);
        return chunk(delta, null);
    }

    private StreamPart toolChunk(ObjectNode call) {
        ObjectNode delta = json.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return chunk(delta, null);
    }

    private StreamPart chunk(ObjectNode delta, String finishReason) {
        return new StreamPart.Chunk(OpenAiChunks.choiceChunk(head(), 0, delta, finishReason));
    }

    private ObjectNode head() {
        return OpenAiChunks.chunkHead(json, id, created, model);
    }
}
