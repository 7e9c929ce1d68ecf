package app.router4ai.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Pretend embeddings for the demo profile, in OpenAI's format ({@code /embeddings}) or Gemini's
 * ({@code :batchEmbedContents}, called by {@link DemoGeminiProvider}): a vector per input that follows from its
 * text, so equal texts get equal vectors, of the asked dimensions or the demo's default.
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
        int dimensions = request.path("dimensions").asInt(DIMENSIONS);
        ObjectNode list = json.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        long tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            data.addObject().put("object", "embedding").put("index", i).set("embedding", vector(inputs.get(i), dimensions));
            tokens += Math.max(1, inputs.get(i).length() / 4);
        }
        list.put("model", request.path("model").asText("demo"));
        list.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        reply(exchange.getMessage(), list);
    }

    /** Gemini's {@code batchEmbedContents} answer to {@code request}. */
    ObjectNode geminiBatch(JsonNode request) {
        ObjectNode body = json.createObjectNode();
        ArrayNode embeddings = body.putArray("embeddings");
        for (JsonNode one : request.path("requests")) {
            embeddings.addObject().set("values", vector(one.at("/content/parts/0/text").asText(),
                    one.path("outputDimensionality").asInt(DIMENSIONS)));
        }
        return body;
    }

    void reply(Message out, ObjectNode body) throws Exception {
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(json.writeValueAsBytes(body));
    }

    private ArrayNode vector(String text, int dimensions) {
        SplittableRandom random = new SplittableRandom(text.hashCode());
        ArrayNode vector = json.createArrayNode();
        for (int d = 0; d < dimensions; d++) {
            vector.add((float) (random.nextDouble() - 0.5));
        }
        return vector;
    }
}
