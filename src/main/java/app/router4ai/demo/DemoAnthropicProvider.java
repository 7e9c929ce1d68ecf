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
 * A pretend Anthropic Messages API for the demo profile: answers any request with a short canned reply,
 * as a message or, with {@code "stream": true}, as Anthropic's named stream events (one word per delta).
 */
@Component
@Profile("demo")
class DemoAnthropicProvider implements Processor {

    static final String REPLY = "Hello from the Router4AI demo Anthropic provider! Your request was routed, metered and billed.";

    private final ObjectMapper json;

    DemoAnthropicProvider(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        JsonNode request = json.readTree(exchange.getMessage().getBody(byte[].class));
        String model = request.path("model").asText("claude-demo");
        long input = Math.max(1, request.path("messages").toString().length() / 4);
        String[] words = REPLY.split(" ");
        String id = "msg_demo_" + UUID.randomUUID().toString().replace("-", "");
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        if (request.path("stream").asBoolean(false)) {
            out.setHeader(Exchange.CONTENT_TYPE, "text/event-stream");
            out.setBody(stream(id, model, words, input));
            return;
        }
        ObjectNode message = message(id, model, "end_turn", input, words.length);
        message.withArray("content").addObject().put("type", "text").put("text", REPLY);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(json.writeValueAsBytes(message));
    }

    private InputStream stream(String id, String model, String[] words, long input) throws Exception {
        List<InputStream> events = new ArrayList<>();
        ObjectNode start = json.createObjectNode().put("type", "message_start");
        start.set("message", message(id, model, null, input, 1));
        events.add(event("message_start", start, 0));
        events.add(event("content_block_start", json.readTree(
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"), 0));
        for (int i = 0; i < words.length; i++) {
            ObjectNode delta = json.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", (i == 0 ? "" : " ") + words[i]);
            events.add(event("content_block_delta", delta, 40));
        }
        events.add(event("content_block_stop", json.readTree("{\"type\":\"content_block_stop\",\"index\":0}"), 0));
        ObjectNode end = json.createObjectNode().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
        end.putObject("usage").put("output_tokens", words.length);
        events.add(event("message_delta", end, 0));
        events.add(event("message_stop", json.readTree("{\"type\":\"message_stop\"}"), 0));
        return new SequenceInputStream(Collections.enumeration(events));
    }

    private ObjectNode message(String id, String model, String stopReason, long input, long output) {
        ObjectNode message = json.createObjectNode().put("id", id).put("type", "message").put("role", "assistant")
                .put("model", model);
        message.putArray("content");
        message.put("stop_reason", stopReason).putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", input).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0).put("output_tokens", output);
        return message;
    }

    private PausedEvent event(String name, JsonNode data, long pauseMs) throws Exception {
        return new PausedEvent(("event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n")
                .getBytes(StandardCharsets.UTF_8), pauseMs);
    }
}
