package app.router4ai.fake;

import static app.router4ai.fake.FixtureJson.JSON;
import static app.router4ai.fake.FixtureJson.read;
import static app.router4ai.fake.FixtureJson.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Gemini API bodies and {@code alt=sse} streams as the published reference describes them, for fakes,
 * tests and the demo profile: every stream event is a whole GenerateContentResponse, the last carries finishReason,
 * and there is no terminator. Written from the reference, independent of the router's mappers.
 */
public final class GeminiFixtures {

    private GeminiFixtures() {
    }

    /** A finished text answer ({@code finishReason: STOP}). */
    public static String textResponse(String responseId, String modelVersion, String text, int promptTokens, int candidateTokens) {
        return textResponse(responseId, modelVersion, text, "STOP", promptTokens, candidateTokens);
    }

    /** A finished text answer with the given {@code finishReason} (STOP, MAX_TOKENS, RECITATION, ...). */
    public static String textResponse(String responseId, String modelVersion, String text, String finishReason,
                                      int promptTokens, int candidateTokens) {
        ObjectNode part = JSON.createObjectNode().put("text", text);
        return write(response(responseId, modelVersion, part, finishReason, promptTokens, candidateTokens));
    }

    /**
     * A text answer from context caching with thinking: promptTokenCount includes the cached tokens
     * (cachedContentTokenCount), and the thoughts (thoughtsTokenCount) are counted apart from the candidates.
     */
    public static String textResponseWithCacheAndThoughts(String responseId, String modelVersion, String text, int promptTokens,
                                                          int cachedTokens, int candidateTokens, int thoughtTokens) {
        ObjectNode response = response(responseId, modelVersion, JSON.createObjectNode().put("text", text), "STOP",
                promptTokens, candidateTokens);
        ((ObjectNode) response.get("usageMetadata")).put("cachedContentTokenCount", cachedTokens)
                .put("thoughtsTokenCount", thoughtTokens)
                .put("totalTokenCount", promptTokens + candidateTokens + thoughtTokens);
        return write(response);
    }

    /**
     * A thinking model's answer asked to include its thoughts: a thought-summary part ({@code thought: true}) before
     * the text, the thought tokens as thoughtsTokenCount.
     */
    public static String thoughtTextResponse(String responseId, String modelVersion, String thought, String text,
                                             int promptTokens, int candidateTokens, int thoughtTokens) {
        ObjectNode response = response(responseId, modelVersion, JSON.createObjectNode().put("text", thought).put("thought", true),
                "STOP", promptTokens, candidateTokens);
        ((ArrayNode) response.at("/candidates/0/content/parts")).addObject().put("text", text);
        ((ObjectNode) response.get("usageMetadata")).put("thoughtsTokenCount", thoughtTokens)
                .put("totalTokenCount", promptTokens + candidateTokens + thoughtTokens);
        return write(response);
    }

    /** A streamed answer with its thoughts: one event with the thought summary, then the text as {@link #textStream}. */
    public static String thoughtTextStream(String responseId, String modelVersion, String thought, List<String> pieces,
                                           int promptTokens, int candidateTokens) {
        ObjectNode part = JSON.createObjectNode().put("text", thought).put("thought", true);
        return event(response(responseId, modelVersion, part, null, promptTokens, 0))
                + textStream(responseId, modelVersion, pieces, promptTokens, candidateTokens);
    }

    /** A candidate stopped by the safety filters: no content, finishReason SAFETY and the rating that tripped. */
    public static String safetyBlockedResponse(String responseId, String modelVersion, int promptTokens) {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject().put("finishReason", "SAFETY").put("index", 0);
        candidate.putArray("safetyRatings").addObject().put("category", "HARM_CATEGORY_DANGEROUS_CONTENT")
                .put("probability", "HIGH").put("blocked", true);
        response.putObject("usageMetadata").put("promptTokenCount", promptTokens).put("totalTokenCount", promptTokens);
        response.put("modelVersion", modelVersion).put("responseId", responseId);
        return write(response);
    }

    /** An answer that calls one function; {@code argsJson} is the args object. Gemini still says STOP. */
    public static String functionCallResponse(String responseId, String modelVersion, String name, String argsJson,
                                              int promptTokens, int candidateTokens) {
        return write(response(responseId, modelVersion, functionCall(name, argsJson), "STOP", promptTokens, candidateTokens));
    }

    /** A prompt Gemini refused outright: no candidates, {@code promptFeedback.blockReason}. */
    public static String promptBlockedResponse(String responseId, String modelVersion, String blockReason, int promptTokens) {
        return write(promptBlocked(responseId, modelVersion, blockReason, promptTokens));
    }

    /** The stream of a prompt Gemini refused outright: one event, the same object as {@link #promptBlockedResponse}. */
    public static String promptBlockedStream(String responseId, String modelVersion, String blockReason, int promptTokens) {
        return event(promptBlocked(responseId, modelVersion, blockReason, promptTokens));
    }

    /** Two candidates ({@code candidateCount: 2}), both finished with STOP. */
    public static String twoCandidatesResponse(String responseId, String modelVersion, String first, String second,
                                               int promptTokens, int candidateTokens) {
        ObjectNode response = response(responseId, modelVersion, JSON.createObjectNode().put("text", first), "STOP",
                promptTokens, candidateTokens);
        ObjectNode candidate = ((com.fasterxml.jackson.databind.node.ArrayNode) response.get("candidates")).addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", second);
        content.put("role", "model");
        candidate.put("finishReason", "STOP").put("index", 1);
        return write(response);
    }

    /** An error body, e.g. {@code (503, "UNAVAILABLE", "The model is overloaded.")}, {@code (400, "INVALID_ARGUMENT", ...)}. */
    public static String errorBody(int code, String status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message).put("status", status);
        return write(body);
    }

    /** A BatchEmbedContentsResponse: {@code embeddings[].values}, one per request, in order (no token count). */
    public static String batchEmbeddings(List<List<Double>> vectors) {
        ObjectNode body = JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode embeddings = body.putArray("embeddings");
        for (List<Double> vector : vectors) {
            com.fasterxml.jackson.databind.node.ArrayNode values = embeddings.addObject().putArray("values");
            vector.forEach(values::add);
        }
        return write(body);
    }

    /** A streamed text answer: one event per piece, the last with finishReason STOP and the final usage. */
    public static String textStream(String responseId, String modelVersion, List<String> pieces, int promptTokens, int candidateTokens) {
        return textStream(responseId, modelVersion, pieces, "STOP", promptTokens, candidateTokens);
    }

    /** A streamed text answer whose last event carries the given finishReason. */
    public static String textStream(String responseId, String modelVersion, List<String> pieces, String finishReason,
                                    int promptTokens, int candidateTokens) {
        StringBuilder sse = new StringBuilder();
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            ObjectNode part = JSON.createObjectNode().put("text", pieces.get(i));
            sse.append(event(response(responseId, modelVersion, part, last ? finishReason : null, promptTokens,
                    last ? candidateTokens : i + 1)));
        }
        return sse.toString();
    }

    /** A streamed function call: the call arrives whole, in one event, with finishReason STOP. */
    public static String functionCallStream(String responseId, String modelVersion, String name, String argsJson,
                                            int promptTokens, int candidateTokens) {
        return event(response(responseId, modelVersion, functionCall(name, argsJson), "STOP", promptTokens, candidateTokens));
    }

    /** A stream that stops before any finishReason: a cut stream. */
    public static String cutTextStream(String responseId, String modelVersion, String piece, int promptTokens) {
        return event(response(responseId, modelVersion, JSON.createObjectNode().put("text", piece), null, promptTokens, 1));
    }

    /**
     * What Gemini answers when the API key itself is bad: HTTP 400 INVALID_ARGUMENT, not 401/403, told
     * apart from a bad request only by the ErrorInfo reason {@code API_KEY_INVALID}.
     */
    public static String apiKeyInvalidBody() {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", 400).put("message", "API key not valid. Please pass a valid API key.")
                .put("status", "INVALID_ARGUMENT");
        error.putArray("details").addObject().put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                .put("reason", "API_KEY_INVALID").put("domain", "googleapis.com")
                .putObject("metadata").put("service", "generativelanguage.googleapis.com");
        return write(body);
    }

    /** A mid-stream error event. */
    public static String errorEvent(int code, String status, String message) {
        return "data: " + errorBody(code, status, message) + "\n\n";
    }

    private static ObjectNode promptBlocked(String responseId, String modelVersion, String blockReason, int promptTokens) {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode feedback = response.putObject("promptFeedback").put("blockReason", blockReason);
        feedback.putArray("safetyRatings").addObject().put("category", "HARM_CATEGORY_HARASSMENT").put("probability", "HIGH");
        response.putObject("usageMetadata").put("promptTokenCount", promptTokens).put("totalTokenCount", promptTokens);
        response.put("modelVersion", modelVersion).put("responseId", responseId);
        return response;
    }

    private static String event(JsonNode response) {
        return "data: " + write(response) + "\n\n";
    }

    private static ObjectNode functionCall(String name, String argsJson) {
        ObjectNode part = JSON.createObjectNode();
        part.putObject("functionCall").put("name", name).set("args", read(argsJson));
        return part;
    }

    private static ObjectNode response(String responseId, String modelVersion, ObjectNode part, String finishReason,
                                       int promptTokens, int candidateTokens) {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").add(part);
        content.put("role", "model");
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        response.putObject("usageMetadata").put("promptTokenCount", promptTokens)
                .put("candidatesTokenCount", candidateTokens).put("totalTokenCount", promptTokens + candidateTokens);
        response.put("modelVersion", modelVersion).put("responseId", responseId);
        return response;
    }
}
