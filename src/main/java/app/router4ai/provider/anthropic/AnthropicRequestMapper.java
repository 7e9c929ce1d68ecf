package app.router4ai.provider.anthropic;

import app.router4ai.provider.OpenAiParams;
import app.router4ai.provider.UnsupportedRequest;
import app.router4ai.routing.CatalogModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An OpenAI chat-completions request as an Anthropic Messages request body.
 * <ul>
 *   <li>{@code max_completion_tokens}, else {@code max_tokens}, else {@link AnthropicMaxTokens#defaultFor}.</li>
 *   <li>{@code stop} (string or array) becomes {@code stop_sequences}; {@code user} becomes {@code metadata.user_id}.</li>
 *   <li>{@code temperature} and {@code top_p} pass through unchanged: Anthropic's temperature range is 0–1,
 *       and a value above 1 is left for Anthropic to refuse rather than silently changed.</li>
 *   <li>{@code response_format}: Anthropic has no such parameter. {@code json_schema} becomes a forced tool
 *       ({@link AnthropicJsonResponse}); {@code json_object} is honoured on a best-effort basis by appending
 *       {@link #JSON_HINT} to the system prompt.</li>
 *   <li>Rejected: {@code n} &gt; 1 and {@code logprobs: true} (no Anthropic equivalent, and the client
 *       would get a different shape than it asked for).</li>
 *   <li>{@code reasoning_effort} / {@code reasoning}: extended thinking ({@link AnthropicThinking});
 *       {@code cache_control} on content parts, messages and tools: prompt-cache breakpoints
 *       ({@link AnthropicCacheControl}); an assistant message's {@code reasoning_details}: its thinking blocks
 *       ({@link AnthropicReasoningDetails}).</li>
 *   <li>Ignored: sampling knobs Anthropic lacks ({@code presence_penalty}, {@code frequency_penalty},
 *       {@code seed}, {@code logit_bias}) and {@code stream_options} (Anthropic always streams usage).</li>
 * </ul>
 */
final class AnthropicRequestMapper {

    static final String JSON_HINT = "Respond only with a single valid JSON object, with no text before or after it.";

    private final ObjectMapper json;
    private final AnthropicMessageMapper messages;
    private final AnthropicToolMapper tools;
    private final AnthropicJsonResponse jsonResponse;

    AnthropicRequestMapper(ObjectMapper json) {
        this.json = json;
        this.messages = new AnthropicMessageMapper(json);
        this.tools = new AnthropicToolMapper(json);
        this.jsonResponse = new AnthropicJsonResponse(json);
    }

    /** The request for a catalog model: its provider model id, with the model's thinking ({@link AnthropicThinking}). */
    ObjectNode map(ObjectNode request, CatalogModel model, boolean stream) {
        ObjectNode body = map(request, model.providerModel(), stream);
        AnthropicThinking.apply(request, body, model);
        return body;
    }

    ObjectNode map(ObjectNode request, String model, boolean stream) {
        rejectUnsupported(request);
        AnthropicMessageMapper.Mapped mapped = messages.map(request.path("messages"));
        ObjectNode body = json.createObjectNode().put("model", model);
        String system = withJsonHint(mapped.system(), request.path("response_format"));
        if (mapped.systemBlocks() != null) {
            // prompt-cache breakpoints in the system prompt: it goes as blocks, the hint as one more
            body.set("system", mapped.systemBlocks());
            if (!system.equals(mapped.system())) {
                body.withArray("system").addObject().put("type", "text").put("text", JSON_HINT);
            }
        } else if (!system.isEmpty()) {
            body.put("system", system);
        }
        body.set("messages", mapped.messages());
        body.put("max_tokens", maxTokens(request, model));
        OpenAiParams.copy(request, "temperature", body, "temperature");
        OpenAiParams.copy(request, "top_p", body, "top_p");
        ArrayNode stop = OpenAiParams.stopSequences(json, request.get("stop"));
        if (!stop.isEmpty()) {
            body.set("stop_sequences", stop);
        }
        if (request.hasNonNull("user")) {
            body.putObject("metadata").put("user_id", request.get("user").asText());
        }
        mapTools(request, body);
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    private void mapTools(ObjectNode request, ObjectNode body) {
        boolean ownTools = request.path("tools").isArray() && !request.path("tools").isEmpty();
        ArrayNode mapped = ownTools ? tools.tools(request.get("tools")) : json.createArrayNode();
        ObjectNode choice = ownTools ? tools.toolChoice(request.get("tool_choice"), request.get("parallel_tool_calls")) : null;
        if (AnthropicJsonResponse.asked(request)) {
            ObjectNode forced = jsonResponse.addTool(mapped, request);
            if (forced != null) {
                if (choice != null && choice.has("disable_parallel_tool_use")) {
                    forced.set("disable_parallel_tool_use", choice.get("disable_parallel_tool_use"));
                }
                choice = forced;
            }
        }
        if (!mapped.isEmpty()) {
            body.set("tools", mapped);
        }
        if (choice != null) {
            body.set("tool_choice", choice);
        }
    }

    private static void rejectUnsupported(ObjectNode request) {
        if (request.path("n").asInt(1) > 1) {
            throw new UnsupportedRequest("n", "n > 1 is not supported by this model's provider; send one request per choice.");
        }
        OpenAiParams.rejectLogprobs(request);
    }

    private static String withJsonHint(String system, JsonNode responseFormat) {
        if (!"json_object".equals(responseFormat.path("type").asText())) {
            return system;
        }
        return system.isEmpty() ? JSON_HINT : system + "\n\n" + JSON_HINT;
    }

    private static int maxTokens(ObjectNode request, String model) {
        JsonNode asked = OpenAiParams.maxTokens(request);
        return asked != null ? asked.asInt() : AnthropicMaxTokens.defaultFor(model);
    }
}
