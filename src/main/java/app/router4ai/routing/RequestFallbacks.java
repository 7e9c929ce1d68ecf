package app.router4ai.routing;

import app.router4ai.api.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's own fallbacks, in OpenRouter's form: {@code "models": ["a", "b"]} after its {@code model}, and
 * {@code "route": "fallback"}. Both are taken out of the request, so no provider sees them.
 */
final class RequestFallbacks {

    private RequestFallbacks() {
    }

    static List<String> read(ObjectNode request, String model) {
        if (request == null || !request.has("models") && !request.has("route")) {
            return List.of(model);
        }
        JsonNode route = request.remove("route");
        if (route != null && !route.isNull() && !"fallback".equals(route.asText(null))) {
            throw ApiError.invalidRequest("route", "'route' may only be \"fallback\" (try the 'models' in order).");
        }
        JsonNode models = request.remove("models");
        List<String> chain = new ArrayList<>();
        if (model != null && !model.isBlank()) {
            chain.add(model);
        }
        if (models != null && !models.isNull()) {
            if (!models.isArray()) {
                throw ApiError.invalidRequest("models", "'models' must be an array of model ids.");
            }
            for (JsonNode m : models) {
                if (!m.isTextual() || m.asText().isBlank()) {
                    throw ApiError.invalidRequest("models", "'models' must be an array of model ids.");
                }
                if (!chain.contains(m.asText())) {
                    chain.add(m.asText());
                }
            }
        }
        if (chain.isEmpty()) {
            throw ApiError.invalidRequest("model", "Name a 'model' (or a list of 'models').");
        }
        return chain;
    }
}
