package app.router4ai.demo;

import app.router4ai.fake.OpenAiFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A pretend OpenAI-format provider for the demo profile: answers any chat request with a short canned reply,
 * as a completion or as a stream (one word per event, spaced like a real model), in the very bodies the tests'
 * fake providers send ({@link OpenAiFixtures}).
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
        int prompt = Math.max(1, request.path("messages").toString().length() / 4);
        List<String> words = DemoReplies.words(REPLY);
        boolean stream = request.path("stream").asBoolean(false);
        PausedEvent.answer(exchange.getMessage(), stream, stream
                ? String.join("", OpenAiFixtures.streamEvents(model, words, prompt, words.size()))
                : OpenAiFixtures.completion(model, REPLY, prompt, words.size()));
    }
}
