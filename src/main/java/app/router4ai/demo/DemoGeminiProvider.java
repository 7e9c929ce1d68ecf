package app.router4ai.demo;

import app.router4ai.fake.GeminiFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The path segment {@code {model}:{method}} arrives whole in the {@code action} header. The bodies are the very
 * ones the tests' fake providers send ({@link GeminiFixtures}).
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
        int prompt = Math.max(1, request.path("contents").toString().length() / 4);
        List<String> words = DemoReplies.words(REPLY);
        String responseId = "demo-" + UUID.randomUUID();
        out.removeHeaders("*");
        switch (method) {
            case "batchEmbedContents" -> embeddings.reply(out, embeddings.geminiBatch(request));
            case "generateContent" -> PausedEvent.answer(out, false,
                    GeminiFixtures.textResponse(responseId, model, REPLY, prompt, words.size()));
            case "streamGenerateContent" -> PausedEvent.answer(out, true,
                    GeminiFixtures.textStream(responseId, model, words, prompt, words.size()));
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
}
