package app.router4ai.provider.gemini;

import app.router4ai.provider.OpenAiParams;
import app.router4ai.routing.ReasoningMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An OpenAI chat-completions request as a Gemini {@code GenerateContentRequest} body.
 * <ul>
 *   <li>{@code generationConfig}: temperature, topP, maxOutputTokens ({@code max_completion_tokens}, else
 *       {@code max_tokens}; none means Gemini's own default), stopSequences (string or array),
 *       candidateCount ({@code n}), presencePenalty, frequencyPenalty, seed.</li>
 *   <li>{@code response_format}: json_object sets responseMimeType application/json; json_schema adds
 *       its schema as {@code responseJsonSchema} (JSON Schema as sent, see {@link GeminiToolMapper}), or for
 *       models before Gemini 2.5, which lack that field, as {@code responseSchema} ({@link GeminiSchemas#openApiSubset}).</li>
 *   <li>{@code reasoning_effort} / {@code reasoning}: {@code thinkingConfig} ({@link GeminiThinking}).</li>
 *   <li>Rejected: {@code logprobs: true}. Ignored: {@code user}, {@code logit_bias}, {@code stream_options}
 *       (Gemini reports usage in every stream chunk anyway).</li>
 *   <li>Replayed function calls carry {@link GeminiContentsMapper#SIGNATURE_SENTINEL} for models whose
 *       id starts with {@code gemini-3}, the first generation that requires thought signatures.</li>
 * </ul>
 */
final class GeminiRequestMapper {

    private final ObjectMapper json;
    private final GeminiContentsMapper contents;
    private final GeminiToolMapper tools;

    GeminiRequestMapper(ObjectMapper json) {
        this.json = json;
        this.contents = new GeminiContentsMapper(json);
        this.tools = new GeminiToolMapper(json);
    }

    ObjectNode map(ObjectNode request, String model) {
        return map(request, model, ReasoningMap.NONE);
    }

    /** The request for {@code model}, whose reasoning mapping is {@code reasoning} ({@link GeminiThinking}). */
    ObjectNode map(ObjectNode request, String model, ReasoningMap reasoning) {
        OpenAiParams.rejectLogprobs(request);
        GeminiContentsMapper.Mapped mapped = contents.map(request.path("messages"), requiresThoughtSignatures(model));
        ObjectNode body = json.createObjectNode();
        body.set("contents", mapped.contents());
        if (!mapped.systemParts().isEmpty()) {
            body.putObject("systemInstruction").set("parts", mapped.systemParts());
        }
        ObjectNode config = generationConfig(request, model);
        GeminiThinking.apply(request, config, reasoning);
        if (!config.isEmpty()) {
            body.set("generationConfig", config);
        }
        if (request.path("tools").isArray() && !request.path("tools").isEmpty()) {
            body.set("tools", tools.tools(request.get("tools"), GeminiSchemas.takesJsonSchema(model)));
            ObjectNode toolConfig = tools.toolConfig(request.get("tool_choice"));
            if (toolConfig != null) {
                body.set("toolConfig", toolConfig);
            }
        }
        return body;
    }

    static boolean requiresThoughtSignatures(String model) {
        return model != null && model.startsWith("gemini-3");
    }

    private ObjectNode generationConfig(ObjectNode request, String model) {
        ObjectNode config = json.createObjectNode();
        OpenAiParams.copy(request, "temperature", config, "temperature");
        OpenAiParams.copy(request, "top_p", config, "topP");
        JsonNode maxTokens = OpenAiParams.maxTokens(request);
        if (maxTokens != null) {
            config.set("maxOutputTokens", maxTokens);
        }
        ArrayNode stop = OpenAiParams.stopSequences(json, request.get("stop"));
        if (!stop.isEmpty()) {
            config.set("stopSequences", stop);
        }
        OpenAiParams.copy(request, "n", config, "candidateCount");
        OpenAiParams.copy(request, "presence_penalty", config, "presencePenalty");
        OpenAiParams.copy(request, "frequency_penalty", config, "frequencyPenalty");
        OpenAiParams.copy(request, "seed", config, "seed");
        JsonNode format = request.path("response_format");
        switch (format.path("type").asText()) {
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                JsonNode schema = format.path("json_schema").get("schema");
                if (schema != null && schema.isObject() && GeminiSchemas.takesJsonSchema(model)) {
                    config.set("responseJsonSchema", GeminiSchemas.forGemini(schema));
                } else if (schema != null && schema.isObject()) {
                    config.set("responseSchema", GeminiSchemas.openApiSubset(schema));
                }
            }
            default -> {
                // text or absent: Gemini's default
            }
        }
        return config;
    }
}
