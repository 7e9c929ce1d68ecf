package app.router4ai.chat;

import app.router4ai.call.ApiCall;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Makes every chat answer and chunk valid against OpenAI's published API description (openai/openai-openapi:
 * {@code CreateChatCompletionResponse}, {@code CreateChatCompletionStreamResponse}), whatever the provider sent:
 * the last step before a chat client reads it. OpenAI-compatible providers other than OpenAI leave out fields
 * OpenAI's clients may require ({@code message.refusal}, {@code logprobs}), or send values its types forbid
 * (DeepSeek's {@code "role": null} in a delta, its own finish reasons). Required fields are added with OpenAI's
 * neutral value, wrong types are replaced; anything valid is left as it is, so an OpenAI answer passes unchanged.
 * One per answer or stream: a filled-in id and created are the same on every chunk.
 */
final class ChatConformance {

    private static final Set<String> FINISH_REASONS = Set.of("stop", "length", "tool_calls", "content_filter", "function_call");
    /** Finish reasons of other providers that mean an answer cut short: the client must not take it as whole. */
    private static final Map<String, String> CUT_SHORT = Map.of("insufficient_system_resource", "length", "max_tokens", "length");
    private static final Set<String> DELTA_ROLES = Set.of("developer", "system", "user", "assistant", "tool");

    private final String id;
    private final long created;
    private final String model;

    private ChatConformance(String id, long created, String model) {
        this.id = id;
        this.created = created;
        this.model = model;
    }

    static ChatConformance of(ApiCall call) {
        String model = call.answeringModel() != null ? call.answeringModel()
                : call.deployment() != null ? call.deployment().model().providerModel() : call.requestedModel();
        return new ChatConformance("chatcmpl-" + call.requestId(), Instant.now().getEpochSecond(), model);
    }

    /** A {@code chat.completion}, completed in place. */
    ObjectNode completion(ObjectNode completion) {
        head(completion, "chat.completion");
        ArrayNode choices = choices(completion);
        for (int i = 0; i < choices.size(); i++) {
            ObjectNode choice = (ObjectNode) choices.get(i);
            JsonNode message = choice.get("message");
            ObjectNode fixed = message instanceof ObjectNode object ? object : choice.putObject("message");
            fixed.put("role", "assistant");
            textOrNull(fixed, "content");
            textOrNull(fixed, "refusal");
            if (!choice.has("logprobs")) {
                choice.putNull("logprobs");
            }
            String finish = finishReason(choice.get("finish_reason"));
            choice.put("finish_reason", finish != null ? finish : fixed.has("tool_calls") ? "tool_calls" : "stop");
        }
        JsonNode usage = completion.get("usage");
        if (usage instanceof ObjectNode counts) {
            usage(counts);
        } else if (usage != null) {
            completion.remove("usage");
        }
        return completion;
    }

    /** A {@code chat.completion.chunk}, completed in place. */
    ObjectNode chunk(ObjectNode chunk) {
        head(chunk, "chat.completion.chunk");
        for (JsonNode node : choices(chunk)) {
            ObjectNode choice = (ObjectNode) node;
            ObjectNode delta = choice.get("delta") instanceof ObjectNode object ? object : choice.putObject("delta");
            if (delta.has("role") && !(delta.get("role").isTextual() && DELTA_ROLES.contains(delta.get("role").asText()))) {
                delta.remove("role");
            }
            for (String field : new String[] {"content", "refusal"}) {
                if (delta.has(field) && !delta.get(field).isTextual() && !delta.get(field).isNull()) {
                    delta.remove(field);
                }
            }
            choice.put("finish_reason", finishReason(choice.get("finish_reason")));
        }
        JsonNode usage = chunk.get("usage");
        if (usage instanceof ObjectNode counts) {
            usage(counts);
        } else if (usage != null && !usage.isNull()) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private void head(ObjectNode answer, String object) {
        if (!answer.path("id").isTextual()) {
            answer.put("id", id);
        }
        answer.put("object", object);
        if (!answer.path("created").isIntegralNumber()) {
            answer.put("created", created);
        }
        if (!answer.path("model").isTextual()) {
            answer.put("model", model);
        }
        if (answer.has("system_fingerprint") && !answer.get("system_fingerprint").isTextual()) {
            answer.remove("system_fingerprint");
        }
    }

    /** The choices as an array of objects (anything else in it dropped), each with its index. */
    private static ArrayNode choices(ObjectNode answer) {
        ArrayNode fixed = answer.arrayNode();
        JsonNode choices = answer.path("choices");
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i) instanceof ObjectNode choice) {
                if (!choice.path("index").isIntegralNumber()) {
                    choice.put("index", i);
                }
                fixed.add(choice);
            }
        }
        answer.set("choices", fixed);
        return fixed;
    }

    /** The field as a string or null; content parts (some compatible providers send them) joined as their text. */
    private static void textOrNull(ObjectNode message, String field) {
        JsonNode value = message.path(field);
        if (value.isArray()) {
            StringBuilder text = new StringBuilder();
            value.forEach(part -> text.append(part.path("text").asText("")));
            message.put(field, text.toString());
        } else if (!value.isTextual()) {
            message.putNull(field);
        }
    }

    /** OpenAI's finish reason for what the provider said (null while a stream's choice goes on); unknown ones are "stop". */
    private static String finishReason(JsonNode reason) {
        if (reason == null || reason.isNull()) {
            return null;
        }
        String said = reason.asText();
        return FINISH_REASONS.contains(said) ? said : CUT_SHORT.getOrDefault(said, "stop");
    }

    private static void usage(ObjectNode usage) {
        long prompt = usage.path("prompt_tokens").asLong(0);
        long completion = usage.path("completion_tokens").asLong(0);
        if (!usage.path("prompt_tokens").isIntegralNumber()) {
            usage.put("prompt_tokens", prompt);
        }
        if (!usage.path("completion_tokens").isIntegralNumber()) {
            usage.put("completion_tokens", completion);
        }
        if (!usage.path("total_tokens").isIntegralNumber()) {
            usage.put("total_tokens", prompt + completion);
        }
    }
}
