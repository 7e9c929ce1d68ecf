package app.router4ai.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Azure's refusals in OpenAI's error shape. A prompt its content filter stopped comes back as HTTP 400 with
 * {@code code: content_filter}, {@code type: null}, Azure's {@code status} and an {@code innererror}
 * ({@code ResponsibleAIPolicyViolation} and the filter's results per category): the client gets
 * {@code {"error":{"message","type":"invalid_request_error","param","code":"content_filter"}}}, the categories
 * that fired named in the message. Other bodies already have OpenAI's shape and pass as they are.
 */
final class AzureErrors {

    private AzureErrors() {
    }

    static byte[] openAiShape(ObjectMapper json, byte[] body) {
        JsonNode error;
        try {
            error = json.readTree(body).path("error");
        } catch (IOException e) {
            return body;
        }
        if (!error.isObject()) {
            return body;
        }
        ObjectNode mapped = json.createObjectNode();
        ObjectNode out = mapped.putObject("error");
        String message = error.path("message").asText("The request was refused by the provider.");
        JsonNode results = error.path("innererror").path("content_filter_result");
        StringBuilder fired = new StringBuilder();
        results.fields().forEachRemaining(e -> {
            if (e.getValue().path("filtered").asBoolean(false)) {
                fired.append(fired.isEmpty() ? "" : ", ").append(e.getKey());
            }
        });
        out.put("message", fired.isEmpty() ? message : message + " (filtered: " + fired + ")");
        out.put("type", error.path("type").isTextual() ? error.get("type").asText() : "invalid_request_error");
        out.set("param", error.path("param").isTextual() ? error.get("param") : json.nullNode());
        out.set("code", error.path("code").isTextual() ? error.get("code") : json.nullNode());
        try {
            return json.writeValueAsBytes(mapped);
        } catch (IOException e) {
            return body;
        }
    }
}
