package app.router4ai.demo;

import app.router4ai.fake.GeminiFixtures;
import app.router4ai.fake.OpenAiFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Pretend embeddings for the demo profile, in OpenAI's format ({@code /embeddings}) or Gemini's
 * ({@code :batchEmbedContents}, called by {@link DemoGeminiProvider}): a vector per input that follows from its
 * text, so equal texts get equal vectors, of the asked dimensions or the demo's default: the tests' fake
 * providers' bodies ({@link OpenAiFixtures}, {@link GeminiFixtures}).
 */
@Component
@Profile("demo")
class DemoEmbeddings implements Processor {

    private static final int DIMENSIONS = 256;

    private final ObjectMapper json;

    DemoEmbeddings(ObjectMapper json) {
        this.json = json;
    }

    /** OpenAI's {@code POST /embeddings}. */
    @Override
    public void process(Exchange exchange) throws Exception {
        JsonNode request = json.readTree(exchange.getMessage().getBody(byte[].class));
        List<String> inputs = new ArrayList<>();
        JsonNode input = request.path("input");
        if (input.isTextual()) {
            inputs.add(input.asText());
        } else {
            input.forEach(item -> inputs.add(item.isTextual() ? item.asText() : item.toString()));
        }
        int tokens = inputs.stream().mapToInt(text -> Math.max(1, text.length() / 4)).sum();
        reply(exchange.getMessage(), OpenAiFixtures.embeddings(request.path("model").asText("demo"), inputs,
                request.path("dimensions").asInt(DIMENSIONS), tokens));
    }

    /** Gemini's {@code batchEmbedContents} answer to {@code request}. */
    String geminiBatch(JsonNode request) {
        List<List<Double>> vectors = new ArrayList<>();
        for (JsonNode one : request.path("requests")) {
            vectors.add(OpenAiFixtures.vectorOf(one.at("/content/parts/0/text").asText(), one.path("outputDimensionality").asInt(DIMENSIONS)));
        }
        return GeminiFixtures.batchEmbeddings(vectors);
    }

    void reply(Message out, String body) {
        PausedEvent.answer(out, false, body);
    }
}
