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
 * A pretend OpenAI-format provider for the demo profile: answers any chat request with a short
 * canned reply, as a completion or as a stream (one word per event, spaced like a real model).
 */
@Component
@Profile("demo")
class DemoOpenAiProvider implements Processor {

    private static final String REPLY = "Hello from the Router4AI demo provider! Your request was routed, metered and billed.";

    private final ObjectMapper json;

    DemoOpenAiProvider(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        JsonNode request = json.readTree(exchange.getMessage().getBody(byte[].class));
        String model = request.path("model").asText("demo");
        long prompt = Math.max(1, request.path("messages").toString().length() / 4);
        String[] words = REPLY.split(" ");
        String id = "chatcmpl-demo-" + UUID.randomUUID();
        long created = System.currentTimeMillis() / 1000;
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        if (request.path("stream").asBoolean(false)) {
            out.setHeader(Exchange.CONTENT_TYPE, "text/event-stream");
            out.setBody(stream(id, created, model, words, prompt));
            return;
        }
        ObjectNode completion = base(id, created, model, "chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", REPLY);
        choice.put("finish_reason", "stop");
        usage(completion, prompt, words.length);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(json.writeValueAsBytes(completion));
    }

    private InputStream stream(String id, long created, String model, String[] words, long prompt) throws Exception {
        List<InputStream> events = new ArrayList<>();
        for (int i = 0; i <= words.length; i++) {
            ObjectNode chunk = base(id, created, model, "chat.completion.chunk");
            ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
            if (i < words.length) {
                ObjectNode delta = choice.putObject("delta");
                if (i == 0) {
                    delta.put("role", "assistant");
                }
                delta.put("content", (i == 0 ? "" : " ") + words[i]);
                choice.putNull("finish_reason");
            } else {
                choice.putObject("delta");
                choice.put("finish_reason", "stop");
            }
            events.add(new PausedEvent(event(chunk), 40));
        }
        ObjectNode usage = base(id, created, model, "chat.completion.chunk");
        usage.putArray("choices");
        usage(usage, prompt, words.length);
        events.add(new PausedEvent(event(usage), 0));
        events.add(new PausedEvent("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8), 0));
        return new SequenceInputStream(Collections.enumeration(events));
    }

    private ObjectNode base(String id, long created, String model, String object) {
        return json.createObjectNode().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    private static void usage(ObjectNode node, long prompt, long completion) {
        node.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    private byte[] event(ObjectNode chunk) throws Exception {
        return ("data: " + json.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
