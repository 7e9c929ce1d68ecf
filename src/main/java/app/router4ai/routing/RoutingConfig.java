package app.router4ai.routing;

import app.router4ai.routing.failover.FailoverSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One consistent version of the operator's routing file: models, tier policies, provider resilience, failover policy. */
public record RoutingConfig(Map<String, CatalogModel> models, Map<String, TierPolicy> tiers,
                            Map<String, ProviderResilience> resilience, FailoverSettings failover) {

    private static final Set<String> TIERS = Set.of("fast", "balanced", "premium");

    public TierPolicy tier(String name) {
        return tiers.getOrDefault(name, TierPolicy.DEFAULT);
    }

    public ProviderResilience resilience(String provider) {
        return resilience.getOrDefault(provider, resilience.getOrDefault("default", ProviderResilience.DEFAULT));
    }

    /** Parses and checks the whole file; any mistake throws with the place it is in, so nothing half-valid is served. */
    public static RoutingConfig parse(JsonNode root, String source) {
        Map<String, CatalogModel> models = new LinkedHashMap<>();
        root.path("models").fields().forEachRemaining(entry -> {
            JsonNode m = entry.getValue();
            String id = entry.getKey();
            String tier = required(m, "tier", "model " + id, source);
            if (!TIERS.contains(tier)) {
                throw new IllegalArgumentException(source + ": model " + id + " has tier '" + tier + "', expected one of " + TIERS);
            }
            ModelKind kind = ModelKind.parse(m.path("kind").asText("chat"));
            if (kind == null) {
                throw new IllegalArgumentException(source + ": model " + id + " has kind '" + m.path("kind").asText()
                        + "', expected chat, completion, embedding or moderation");
            }
            Integer dimensions = m.hasNonNull("dimensions") ? m.get("dimensions").asInt() : null;
            if (kind == ModelKind.EMBEDDING && (dimensions == null || dimensions < 1)) {
                throw new IllegalArgumentException(source + ": embedding model " + id + " needs 'dimensions' (its vector length)");
            }
            models.put(id, new CatalogModel(id, tier, required(m, "provider", "model " + id, source),
                    m.path("provider_model").asText(id),
                    price(m, "input_usd_per_million", id, source),
                    kind == ModelKind.CHAT || kind == ModelKind.COMPLETION || m.has("output_usd_per_million")
                            ? price(m, "output_usd_per_million", id, source) : java.math.BigDecimal.ZERO,
                    m.hasNonNull("cached_input_usd_per_million") ? price(m, "cached_input_usd_per_million", id, source) : null,
                    m.path("created").asLong(0),
                    m.hasNonNull("cache_write_usd_per_million") ? price(m, "cache_write_usd_per_million", id, source) : null,
                    maxOutputTokens(m, id, source), kind, dimensions,
                    ReasoningMap.read(m.get("reasoning"), source + ": model " + id)));
        });
        if (models.isEmpty()) {
            throw new IllegalArgumentException(source + " lists no models under 'models:'");
        }
        Map<String, TierPolicy> tiers = new LinkedHashMap<>();
        root.path("tiers").fields().forEachRemaining(e -> tiers.put(e.getKey(), tierPolicy(e.getValue(), e.getKey(), source)));
        Map<String, ProviderResilience> resilience = new LinkedHashMap<>();
        JsonNode defaults = root.path("providers").path("default");
        ProviderResilience base = resilience(defaults, ProviderResilience.DEFAULT, "default", source);
        resilience.put("default", base);
        root.path("providers").fields().forEachRemaining(e -> {
            if (!e.getKey().equals("default")) {
                resilience.put(e.getKey(), resilience(e.getValue(), base, e.getKey(), source));
            }
        });
        return new RoutingConfig(Collections.unmodifiableMap(models), Map.copyOf(tiers), Map.copyOf(resilience),
                FailoverSettings.parse(root, source));
    }

    private static TierPolicy tierPolicy(JsonNode node, String tier, String source) {
        String name = node.path("strategy").asText("affinity").toUpperCase(Locale.ROOT);
        TierPolicy.Strategy strategy;
        try {
            strategy = TierPolicy.Strategy.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": tier " + tier + " has strategy '" + name.toLowerCase(Locale.ROOT)
                    + "', expected affinity, cheapest, fastest or weighted");
        }
        List<String> order = new ArrayList<>();
        node.path("order").forEach(p -> order.add(p.asText()));
        Map<String, Integer> weights = new LinkedHashMap<>();
        node.path("weights").fields().forEachRemaining(w -> {
            if (!w.getValue().canConvertToInt() || w.getValue().asInt() < 0) {
                throw new IllegalArgumentException(source + ": tier " + tier + " weight of " + w.getKey() + " must be a whole number ≥ 0");
            }
            weights.put(w.getKey(), w.getValue().asInt());
        });
        return new TierPolicy(strategy, List.copyOf(order), Map.copyOf(weights));
    }

    private static ProviderResilience resilience(JsonNode n, ProviderResilience base, String provider, String source) {
        JsonNode b = n.path("breaker");
        ProviderResilience r = new ProviderResilience(
                millis(n, "connect_timeout_ms", base.connectTimeout(), provider, source),
                millis(n, "read_timeout_ms", base.readTimeout(), provider, source),
                b.path("failure_rate_threshold").asInt(base.failureRateThreshold()),
                b.path("minimum_calls").asInt(base.minimumCalls()),
                b.path("sliding_window").asInt(base.slidingWindow()),
                Duration.ofMillis(b.path("open_ms").asLong(base.openFor().toMillis())),
                b.path("half_open_calls").asInt(base.halfOpenCalls()));
        if (r.failureRateThreshold() < 1 || r.failureRateThreshold() > 100 || r.minimumCalls() < 1
                || r.slidingWindow() < r.minimumCalls() || r.halfOpenCalls() < 1 || r.openFor().isNegative()) {
            throw new IllegalArgumentException(source + ": breaker of " + provider
                    + " needs 1 ≤ failure_rate_threshold ≤ 100, minimum_calls ≥ 1, sliding_window ≥ minimum_calls, half_open_calls ≥ 1");
        }
        return r;
    }

    /** A positive number of milliseconds at {@code n.field}, or {@code fallback} when absent; anything else throws. */
    public static Duration millis(JsonNode n, String field, Duration fallback, String provider, String source) {
        JsonNode v = n.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToLong() || v.asLong() <= 0) {
            throw new IllegalArgumentException(source + ": " + provider + "." + field + " must be a positive number of milliseconds");
        }
        return Duration.ofMillis(v.asLong());
    }

    private static String required(JsonNode m, String field, String what, String source) {
        String value = m.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException(source + ": " + what + " needs '" + field + "'");
        }
        return value;
    }

    private static long maxOutputTokens(JsonNode m, String id, String source) {
        JsonNode value = m.get("max_output_tokens");
        if (value == null) {
            return 0;
        }
        if (!value.canConvertToLong() || value.asLong() <= 0) {
            throw new IllegalArgumentException(source + ": model " + id + " needs a positive whole number 'max_output_tokens'");
        }
        return value.asLong();
    }

    private static BigDecimal price(JsonNode m, String field, String id, String source) {
        JsonNode value = m.get(field);
        if (value == null || !value.isNumber() || value.decimalValue().signum() < 0) {
            throw new IllegalArgumentException(source + ": model " + id + " needs a non-negative number '" + field + "'");
        }
        return value.decimalValue();
    }
}
