package app.router4ai.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** One entry under {@code models:} of the routing file, checked field by field, as a {@link CatalogModel}. */
final class ModelEntry {

    private ModelEntry() {
    }

    /**
     * The model {@code id}; its provider is the first deployment's when the entry lists {@code deployments}
     * instead of one {@code provider}.
     */
    static CatalogModel parse(String id, JsonNode m) {
        String at = "/models/" + id;
        String tier = m.path("tier").asText("");
        if (tier.isBlank()) {
            throw new RoutingFileError(at, "model " + id + " needs 'tier'");
        }
        ModelKind kind = ModelKind.parse(m.path("kind").asText("chat"));
        if (kind == null) {
            throw new RoutingFileError(at + "/kind", "model " + id + " has kind '" + m.path("kind").asText()
                    + "', expected chat, completion, embedding or moderation");
        }
        Integer dimensions = m.hasNonNull("dimensions") ? m.get("dimensions").asInt() : null;
        if (kind == ModelKind.EMBEDDING && (dimensions == null || dimensions < 1)) {
            throw new RoutingFileError(at, "embedding model " + id + " needs 'dimensions' (its vector length)");
        }
        String provider = m.path("provider").asText(m.path("deployments").path(0).path("provider").asText(""));
        if (provider.isBlank()) {
            throw new RoutingFileError(at, "model " + id + " needs 'provider' (or 'deployments')");
        }
        return new CatalogModel(id, tier, provider, m.path("provider_model").asText(id),
                price(m, "input_usd_per_million", id),
                kind == ModelKind.CHAT || kind == ModelKind.COMPLETION || m.has("output_usd_per_million")
                        ? price(m, "output_usd_per_million", id) : BigDecimal.ZERO,
                m.hasNonNull("cached_input_usd_per_million") ? price(m, "cached_input_usd_per_million", id) : null,
                m.path("created").asLong(0),
                m.hasNonNull("cache_write_usd_per_million") ? price(m, "cache_write_usd_per_million", id) : null,
                maxOutputTokens(m, id), kind, dimensions, reasoning(m, id));
    }

    private static ReasoningMap reasoning(JsonNode m, String id) {
        try {
            return ReasoningMap.read(m.get("reasoning"), "model " + id);
        } catch (IllegalArgumentException e) {
            throw new RoutingFileError("/models/" + id + "/reasoning", e.getMessage());
        }
    }

    private static long maxOutputTokens(JsonNode m, String id) {
        JsonNode value = m.get("max_output_tokens");
        if (value == null) {
            return 0;
        }
        if (!value.canConvertToLong() || value.asLong() <= 0) {
            throw new RoutingFileError("/models/" + id + "/max_output_tokens",
                    "model " + id + " needs a positive whole number 'max_output_tokens'");
        }
        return value.asLong();
    }

    private static BigDecimal price(JsonNode m, String field, String id) {
        JsonNode value = m.get(field);
        if (value == null || !value.isNumber() || value.decimalValue().signum() < 0) {
            throw new RoutingFileError("/models/" + id + (value == null ? "" : "/" + field),
                    "model " + id + " needs a non-negative number '" + field + "'");
        }
        return value.decimalValue();
    }
}
