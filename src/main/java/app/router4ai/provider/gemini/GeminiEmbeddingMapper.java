package app.router4ai.provider.gemini;

import app.router4ai.provider.UnsupportedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI embeddings through Gemini's {@code models/{model}:batchEmbedContents}: one EmbedContentRequest per
 * input string ({@code dimensions} as {@code outputDimensionality}), and the answer's {@code embeddings[].values}
 * back as OpenAI's {@code list} of {@code embedding} objects in input order. Gemini takes text only: token
 * arrays are refused. Its answer carries no token count unless it sends {@code usageMetadata}; without one the
 * prompt tokens are estimated from the text (four characters a token), so the call is still billed.
 */
final class GeminiEmbeddingMapper {

    private static final int CHARS_PER_TOKEN = 4;

    private final ObjectMapper json;

    GeminiEmbeddingMapper(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode request(ObjectNode request, String model) {
        ObjectNode body = json.createObjectNode();
        ArrayNode requests = body.putArray("requests");
        for (String text : texts(request.get("input"))) {
            ObjectNode one = requests.addObject().put("model", "models/" + model);
            one.putObject("content").putArray("parts").addObject().put("text", text);
            if (request.hasNonNull("dimensions")) {
                one.set("outputDimensionality", request.get("dimensions"));
            }
        }
        return body;
    }

    ObjectNode response(JsonNode body, ObjectNode request, String model) {
        JsonNode embeddings = body.path("embeddings");
        java.util.List<String> texts = texts(request.get("input"));
        if (!embeddings.isArray() || embeddings.size() != texts.size()) {
            throw new IllegalArgumentException("not a BatchEmbedContentsResponse for " + texts.size() + " inputs");
        }
        ObjectNode out = json.createObjectNode().put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < embeddings.size(); i++) {
            JsonNode values = embeddings.get(i).path("values");
            if (!values.isArray()) {
                throw new IllegalArgumentException("embedding " + i + " has no values");
            }
            data.addObject().put("object", "embedding").put("index", i).set("embedding", values);
        }
        out.put("model", model);
        long tokens = body.path("usageMetadata").path("promptTokenCount").asLong(-1);
        if (tokens < 0) {
            long chars = texts.stream().mapToLong(String::length).sum();
            tokens = (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
        }
        out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return out;
    }

    /** The input as texts: one string, or a list of strings; token arrays have no Gemini equivalent. */
    private static java.util.List<String> texts(JsonNode input) {
        if (input.isTextual()) {
            return java.util.List.of(input.asText());
        }
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (JsonNode item : input) {
            if (!item.isTextual()) {
                throw new UnsupportedRequest("input", "Token arrays are not supported by this model's provider; send text.");
            }
            texts.add(item.asText());
        }
        return texts;
    }
}
