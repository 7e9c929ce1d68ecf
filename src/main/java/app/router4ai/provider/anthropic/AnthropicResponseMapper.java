package app.router4ai.provider.anthropic;

import app.router4ai.provider.OpenAiChunks;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;

/**
 * An Anthropic Messages response as an OpenAI {@code chat.completion}: text blocks joined into
 * {@code content} (null when there are none), {@code tool_use} blocks as {@code tool_calls} with the
 * input serialised to a JSON string and Anthropic's ids kept, so they come back unchanged on the next
 * turn. Thinking blocks become {@code reasoning_content} (their text, joined) and {@code reasoning_details}
 * (every block with its signature, redacted ones too: {@link AnthropicReasoningDetails}). When the request asked for a JSON schema, the
 * {@link AnthropicJsonResponse#TOOL} block is the answer: its input becomes the content, and the answer
 * finishes with {@code stop} unless Claude called a tool of the client's too.
 */
final class AnthropicResponseMapper {

    private final ObjectMapper json;
    private final Clock clock;

    AnthropicResponseMapper(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    ObjectNode map(JsonNode body, String fallbackModel, boolean jsonAsked) {
        if (!"message".equals(body.path("type").asText()) || !body.path("content").isArray()) {
            throw new IllegalArgumentException("not an Anthropic message object");
        }
        StringBuilder text = new StringBuilder();
        boolean anyText = false;
        ArrayNode toolCalls = json.createArrayNode();
        ArrayNode details = json.createArrayNode();
        StringBuilder thinking = new StringBuilder();
        String jsonAnswer = null;
        for (JsonNode block : body.get("content")) {
            if (AnthropicJsonResponse.isAnswer(block, jsonAsked)) {
                jsonAnswer = write(block.path("input"));
                continue;
            }
            switch (block.path("type").asText()) {
                case "text" -> {
                    text.append(block.path("text").asText());
                    anyText = true;
                }
                case "tool_use" -> toolCalls.addObject()
                        .put("id", block.path("id").asText())
                        .put("type", "function")
                        .putObject("function")
                        .put("name", block.path("name").asText())
                        .put("arguments", write(block.path("input")));
                case "thinking", "redacted_thinking" -> {
                    thinking.append(block.path("thinking").asText(""));
                    details.add(AnthropicReasoningDetails.detail(json, block, details.size()));
                }
                default -> {
                    // server tool blocks: nothing an OpenAI client can use
                }
            }
        }
        ObjectNode completion = OpenAiChunks.completion(json, "chatcmpl-" + body.path("id").asText(),
                clock.instant().getEpochSecond(), body.path("model").asText(fallbackModel));
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (jsonAnswer != null) {
            message.put("content", jsonAnswer);
        } else if (anyText) {
            message.put("content", text.toString());
        } else {
            message.putNull("content");
        }
        message.putNull("refusal");
        if (!details.isEmpty()) {
            message.put("reasoning_content", thinking.toString());
            message.set(AnthropicReasoningDetails.FIELD, details);
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        choice.putNull("logprobs");
        String finishReason = AnthropicStopReasons.finishReason(body.path("stop_reason").asText(null));
        choice.put("finish_reason", jsonAnswer != null && toolCalls.isEmpty() && "tool_calls".equals(finishReason) ? "stop" : finishReason);
        completion.set("usage", new AnthropicUsage().update(body.get("usage")).toOpenAi(json));
        return completion;
    }

    private String write(JsonNode input) {
        try {
            return json.writeValueAsString(input.isMissingNode() ? json.createObjectNode() : input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
