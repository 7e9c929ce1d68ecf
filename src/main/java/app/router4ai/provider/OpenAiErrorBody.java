package app.router4ai.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;

/**
 * The OpenAI error object a client gets when a non-OpenAI provider refused its request (a 4xx that is
 * the request's fault). Anthropic and Gemini both nest their error as {@code {"error":{"message",...}}}
 * and differ only in which field names the kind of error, so that field is the one parameter.
 */
public final class OpenAiErrorBody {

    private OpenAiErrorBody() {
    }

    /**
     * {@code {"error":{"message","type":"invalid_request_error","param":null,"code"}}}: the provider's
     * message (a generic one naming the status when there is none, or the body is not JSON) and its
     * {@code error.<codeField>} lowercased as the code (null when absent).
     */
    public static byte[] fromProviderError(ObjectMapper json, int status, byte[] body, String codeField) {
        String message = "The provider rejected the request (HTTP " + status + ").";
        String code = null;
        try {
            JsonNode error = json.readTree(body).path("error");
            if (error.hasNonNull("message")) {
                message = error.get("message").asText();
            }
            if (error.hasNonNull(codeField)) {
                code = error.get(codeField).asText().toLowerCase(Locale.ROOT);
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: keep the generic message
        }
        ObjectNode out = json.createObjectNode();
        out.putObject("error").put("message", message).put("type", "invalid_request_error").putNull("param").put("code", code);
        try {
            return json.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
