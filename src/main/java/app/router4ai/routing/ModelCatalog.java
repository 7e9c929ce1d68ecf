package app.router4ai.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The models clients may ask for, read from the operator's YAML file ({@code router.catalog.location},
 * {@code classpath:models.yaml} by default): tier, provider, the provider's model id and list prices.
 */
@Component
public class ModelCatalog {

    private static final Set<String> TIERS = Set.of("fast", "balanced", "premium");

    private final Map<String, CatalogModel> models;

    public ModelCatalog(@Value("${router.catalog.location:classpath:models.yaml}") Resource location) throws IOException {
        try (InputStream in = location.getInputStream()) {
            this.models = parse(new ObjectMapper(new YAMLFactory()).readTree(in), location.getDescription());
        }
    }

    static Map<String, CatalogModel> parse(JsonNode root, String source) {
        Map<String, CatalogModel> parsed = new LinkedHashMap<>();
        root.path("models").fields().forEachRemaining(entry -> {
            JsonNode m = entry.getValue();
            String id = entry.getKey();
            String tier = required(m, "tier", id, source);
            if (!TIERS.contains(tier)) {
                throw new IllegalArgumentException(source + ": model " + id + " has tier '" + tier + "', expected one of " + TIERS);
            }
            parsed.put(id, new CatalogModel(id, tier, required(m, "provider", id, source),
                    m.path("provider_model").asText(id),
                    price(m, "input_usd_per_million", id, source),
                    price(m, "output_usd_per_million", id, source),
                    m.hasNonNull("cached_input_usd_per_million") ? price(m, "cached_input_usd_per_million", id, source) : null,
                    m.path("created").asLong(0)));
        });
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException(source + " lists no models under 'models:'");
        }
        return Collections.unmodifiableMap(parsed);
    }

    private static String required(JsonNode m, String field, String id, String source) {
        String value = m.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException(source + ": model " + id + " needs '" + field + "'");
        }
        return value;
    }

    private static BigDecimal price(JsonNode m, String field, String id, String source) {
        JsonNode value = m.get(field);
        if (value == null || !value.isNumber() || value.decimalValue().signum() < 0) {
            throw new IllegalArgumentException(source + ": model " + id + " needs a non-negative number '" + field + "'");
        }
        return value.decimalValue();
    }

    public Optional<CatalogModel> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    public Collection<CatalogModel> all() {
        return models.values();
    }
}
