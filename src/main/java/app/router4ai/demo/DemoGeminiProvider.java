package app.router4ai.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A pretend Gemini API for the demo profile, behind {@code /v1beta/models/{model}:{method}}:
 * {@code generateContent} answers a short canned reply, {@code streamGenerateContent} streams it as
 * {@code alt=sse} events (each a whole response, one word each, the last with finishReason STOP).
 * The path segment {@code {model}:{method}} arrives whole in the {@code action} header.
 */
@Component
@Profile("demo")
class DemoGeminiProvider implements Processor {

    static final String REPLY = "Hello from the Router4AI demo Gemini provider! Your request was routed, metered and billed.";

    private final ObjectMapper json;
    private final DemoEmbeddings embeddings;

    DemoGeminiProvider(ObjectMapper json, DemoEmbeddings embeddings) {
        this.json = json;
        this.embeddings = embeddings;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message out = exchange.getMessage();
        String action = out.getHeader("action", "", String.class);
        int colon = action.lastIndexOf(':');
        String model = colon < 0 ? action : action.substring(0, colon);
        String method = colon < 0 ? "" : action.substring(colon + 1);
        JsonNode request = json.readTree(out.getBody(byte[].class));
        long prompt = Math.max(1, request.path("contents").toString().length() / 4);
        String[] words = REPLY.split(" ");
        String responseId = "demo-" + UUID.randomUUID();
        out.removeHeaders("*");
        switch (method) {
            case "batchEmbedContents" -> embeddings.reply(out, embeddings.geminiBatch(request));
            case "generateContent" -> {
                out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                out.setHeader(Exchange.CONTENT_TYPE, "application/json");
                out.setBody(json.writeValueAsBytes(response(responseId, model, REPLY, "STOP", prompt, words.length)));
            }
            case "streamGenerateContent" -> {
                out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                out.setHeader(Exchange.CONTENT_TYPE, "text/event-stream");
                out.setBody(stream(responseId, model, words, prompt));
            }
            default -> {
                ObjectNode error = json.createObjectNode();
                error.putObject("error").put("code", 404).put("status", "NOT_FOUND")
                        .put("message", "Method '" + method + "' is not supported by the demo Gemini provider.");
                out.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
                out.setHeader(Exchange.CONTENT_TYPE, "application/json");
                out.setBody(json.writeValueAsBytes(error));
            }
        }
    }

    private InputStream stream(String responseId, String model, String[] words, long prompt) throws Exception {
        List<InputStream> events = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            boolean last = i == words.length - 1;
            ObjectNode response = response(responseId, model, (i == 0 ? "" : " ") + words[i], last ? "STOP" : null, prompt, i + 1);
            events.add(new PausedEvent(("data: " + json.writeValueAsString(response) + "\n\n").getBytes(StandardCharsets.UTF_8), 40));
        }
        return new SequenceInputStream(Collections.enumeration(events));
    }

    private ObjectNode response(String responseId, String model, String text, String finishReason, long prompt, long candidates) {
        ObjectNode response = json.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", text);
        content.put("role", "model");
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        response.putObject("usageMetadata").put("promptTokenCount", prompt).put("candidatesTokenCount", candidates)
                .put("totalTokenCount", prompt + candidates);
        response.put("modelVersion", model).put("responseId", responseId);
        return response;
    }
}
