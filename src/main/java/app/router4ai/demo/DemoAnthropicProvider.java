package app.router4ai.demo;

import app.router4ai.fake.AnthropicFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A pretend Anthropic Messages API for the demo profile: answers any request with a short canned reply,
 * as a message or, with {@code "stream": true}, as Anthropic's named stream events (one word per delta), in the
 * very bodies the tests' fake providers send ({@link AnthropicFixtures}).
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
        int input = Math.max(1, request.path("messages").toString().length() / 4);
        List<String> words = DemoReplies.words(REPLY);
        String id = "msg_demo_" + UUID.randomUUID().toString().replace("-", "");
        boolean stream = request.path("stream").asBoolean(false);
        PausedEvent.answer(exchange.getMessage(), stream, stream
                ? AnthropicFixtures.textStream(id, model, words, input, words.size())
                : AnthropicFixtures.textMessage(id, model, REPLY, input, words.size()));
    }
}
