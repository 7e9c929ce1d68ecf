package app.router4ai.routing;

import app.router4ai.routing.failover.FailoverSettings;
import app.router4ai.provider.ProviderSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One consistent version of the operator's routing file: providers, models and their deployments, tiers,
 * model groups, provider resilience.
 *
 * @param providers every provider the router can call (built in, or defined in the file), by name
 * @param routes    each model's deployments and balance, by model id
 * @param groups    named ordered lists of models a client may ask for as its {@code model}
 * @param deploymentProviders the provider of each deployment id (a deployment's breaker takes its provider's settings)
 * @param failover  retries, timeouts and rescue per provider, tier and model
 */
public record RoutingConfig(Map<String, CatalogModel> models, Map<String, TierPolicy> tiers,
                            Map<String, ProviderResilience> resilience, Map<String, ProviderSettings> providers,
                            Map<String, ModelRoute> routes, Map<String, List<String>> groups,
                            Map<String, String> deploymentProviders, FailoverSettings failover) {

    /** The tiers a model may name without the file defining them. */
    private static final Set<String> STANDARD_TIERS = Set.of("fast", "balanced", "premium");

    public TierPolicy tier(String name) {
        return tiers.getOrDefault(name, TierPolicy.DEFAULT);
    }

    /** Whether {@code name} is a tier a client may ask for by name. */
    public boolean isTier(String name) {
        return tiers.containsKey(name) || STANDARD_TIERS.contains(name) && models.values().stream().anyMatch(m -> m.tier().equals(name));
    }

    /** Timeouts and breaker of a provider, or of the provider of a deployment named by its key. */
    public ProviderResilience resilience(String providerOrDeployment) {
        ProviderResilience own = resilience.get(providerOrDeployment);
        if (own != null) {
            return own;
        }
        String provider = deploymentProviders.get(providerOrDeployment);
        return resilience.getOrDefault(provider != null ? provider : "", resilience.getOrDefault("default", ProviderResilience.DEFAULT));
    }

    /** The deployments of a model. */
    public ModelRoute route(String modelId) {
        return routes.get(modelId);
    }

    /** A file without built-in providers and keys (tests): every provider it uses must be defined in it. */
    public static RoutingConfig parse(JsonNode root, String source) {
        return parse(root, source, YamlLines.NONE, Map.of(), name -> null);
    }

    /** Parses and checks the whole file; any mistake throws with the line it is on, so nothing half-valid is served. */
    static RoutingConfig parse(JsonNode root, String source, YamlLines lines, Map<String, ProviderSettings> builtIn,
                               Function<String, String> environment) {
        try {
            return parse(root, source, builtIn, environment);
        } catch (RoutingFileError e) {
            throw e.located(source, lines);
        }
    }

    private static RoutingConfig parse(JsonNode root, String source, Map<String, ProviderSettings> builtIn,
                                       Function<String, String> environment) {
        Map<String, ProviderSettings> providers = ProviderEntries.parse(root.path("providers"), builtIn, environment);
        Map<String, TierPolicy> tiers = new LinkedHashMap<>();
        root.path("tiers").fields().forEachRemaining(e -> tiers.put(e.getKey(), tierPolicy(e.getValue(), e.getKey())));
        Map<String, CatalogModel> models = new LinkedHashMap<>();
        Map<String, ModelRoute> routes = new LinkedHashMap<>();
        root.path("models").fields().forEachRemaining(entry -> {
            CatalogModel model = ModelEntry.parse(entry.getKey(), entry.getValue());
            if (!tiers.containsKey(model.tier()) && !STANDARD_TIERS.contains(model.tier())) {
                throw new RoutingFileError("/models/" + model.id() + "/tier", "model " + model.id() + " has tier '" + model.tier()
                        + "', expected one of " + tierNames(tiers) + " (or define it under 'tiers:')");
            }
            models.put(model.id(), model);
            routes.put(model.id(), DeploymentEntries.parse(model, entry.getValue(), providers, environment));
        });
        if (models.isEmpty()) {
            throw new RoutingFileError("/models", "the routing file lists no models under 'models:'");
        }
        tiers.forEach((name, tier) -> {
            duplicate(name, models, "tier", "/tiers/" + name);
            for (int i = 0; i < tier.models().size(); i++) {
                known(models, tier.models().get(i), "tier " + name, "/tiers/" + name + "/models/" + i);
            }
        });
        Map<String, List<String>> groups = groups(root.path("groups"), models, tiers);
        Map<String, String> deploymentProviders = deploymentProviders(routes, providers);
        Map<String, ProviderResilience> resilience = new LinkedHashMap<>();
        ProviderResilience base = resilience(root.path("providers").path("default"), ProviderResilience.DEFAULT, "default");
        resilience.put("default", base);
        root.path("providers").fields().forEachRemaining(e -> {
            if (!e.getKey().equals("default")) {
                resilience.put(e.getKey(), resilience(e.getValue(), base, e.getKey()));
            }
        });
        return new RoutingConfig(Collections.unmodifiableMap(models), Map.copyOf(tiers), Map.copyOf(resilience),
                Collections.unmodifiableMap(providers), Collections.unmodifiableMap(routes), Collections.unmodifiableMap(groups), deploymentProviders,
                FailoverSettings.parse(root, source));
    }

    private static Map<String, List<String>> groups(JsonNode section, Map<String, CatalogModel> models, Map<String, TierPolicy> tiers) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        section.fields().forEachRemaining(e -> {
            String at = "/groups/" + e.getKey();
            duplicate(e.getKey(), models, "group", at);
            if (tiers.containsKey(e.getKey()) || STANDARD_TIERS.contains(e.getKey())) {
                throw new RoutingFileError(at, "duplicate id: group " + e.getKey() + " has the name of a tier");
            }
            List<String> members = new ArrayList<>();
            JsonNode list = e.getValue().isArray() ? e.getValue() : e.getValue().path("models");
            for (int i = 0; i < list.size(); i++) {
                members.add(known(models, list.get(i).asText(), "group " + e.getKey(), at + "/" + i));
            }
            if (members.isEmpty()) {
                throw new RoutingFileError(at, "group " + e.getKey() + " lists no models");
            }
            groups.put(e.getKey(), List.copyOf(members));
        });
        return groups;
    }

    /** A deployment id is one breaker: it must mean one provider everywhere, and not be another provider's name. */
    private static Map<String, String> deploymentProviders(Map<String, ModelRoute> routes, Map<String, ProviderSettings> providers) {
        Map<String, String> providerOf = new HashMap<>();
        routes.forEach((model, route) -> route.deployments().forEach(d -> {
            String other = providerOf.putIfAbsent(d.key(), d.providerName());
            boolean clash = other != null && !other.equals(d.providerName())
                    || providers.containsKey(d.key()) && !d.key().equals(d.providerName());
            if (clash) {
                throw new RoutingFileError("/models/" + model + "/deployments", "duplicate id: deployment '" + d.key() + "' of "
                        + model + " is on " + d.providerName() + ", but that id already names " + (other != null ? other : d.key()));
            }
        }));
        return Map.copyOf(providerOf);
    }

    private static void duplicate(String name, Map<String, CatalogModel> models, String what, String at) {
        if (models.containsKey(name)) {
            throw new RoutingFileError(at, "duplicate id: " + what + " " + name + " has the name of a model");
        }
    }

    private static String known(Map<String, CatalogModel> models, String id, String who, String at) {
        if (!models.containsKey(id)) {
            throw new RoutingFileError(at, who + " names unknown model '" + id + "'");
        }
        return id;
    }

    private static String tierNames(Map<String, TierPolicy> tiers) {
        List<String> names = new ArrayList<>(List.of("fast", "balanced", "premium"));
        tiers.keySet().stream().filter(t -> !names.contains(t)).forEach(names::add);
        return names.toString();
    }

    private static TierPolicy tierPolicy(JsonNode node, String tier) {
        String name = node.path("strategy").asText("affinity").toUpperCase(Locale.ROOT);
        TierPolicy.Strategy strategy;
        try {
            strategy = TierPolicy.Strategy.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new RoutingFileError("/tiers/" + tier + "/strategy", "tier " + tier + " has strategy '"
                    + name.toLowerCase(Locale.ROOT) + "', expected affinity, cheapest, fastest or weighted");
        }
        List<String> order = new ArrayList<>();
        node.path("order").forEach(p -> order.add(p.asText()));
        List<String> models = new ArrayList<>();
        node.path("models").forEach(m -> models.add(m.asText()));
        Map<String, Integer> weights = new LinkedHashMap<>();
        node.path("weights").fields().forEachRemaining(w -> {
            if (!w.getValue().canConvertToInt() || w.getValue().asInt() < 0) {
                throw new RoutingFileError("/tiers/" + tier + "/weights/" + w.getKey(), "tier " + tier + " weight of "
                        + w.getKey() + " must be a whole number ≥ 0");
            }
            weights.put(w.getKey(), w.getValue().asInt());
        });
        return new TierPolicy(strategy, List.copyOf(order), Map.copyOf(weights), List.copyOf(models));
    }

    private static ProviderResilience resilience(JsonNode n, ProviderResilience base, String provider) {
        JsonNode b = n.path("breaker");
        ProviderResilience r = new ProviderResilience(
                millis(n, "connect_timeout_ms", base.connectTimeout(), provider),
                millis(n, "read_timeout_ms", base.readTimeout(), provider),
                b.path("failure_rate_threshold").asInt(base.failureRateThreshold()),
                b.path("minimum_calls").asInt(base.minimumCalls()),
                b.path("sliding_window").asInt(base.slidingWindow()),
                Duration.ofMillis(b.path("open_ms").asLong(base.openFor().toMillis())),
                b.path("half_open_calls").asInt(base.halfOpenCalls()));
        if (r.failureRateThreshold() < 1 || r.failureRateThreshold() > 100 || r.minimumCalls() < 1
                || r.slidingWindow() < r.minimumCalls() || r.halfOpenCalls() < 1 || r.openFor().isNegative()) {
            throw new RoutingFileError("/providers/" + provider + "/breaker", "breaker of " + provider
                    + " needs 1 ≤ failure_rate_threshold ≤ 100, minimum_calls ≥ 1, sliding_window ≥ minimum_calls, half_open_calls ≥ 1");
        }
        return r;
    }

    private static Duration millis(JsonNode n, String field, Duration fallback, String provider) {
        return millis(n, field, fallback, provider, null);
    }

    /** A positive number of milliseconds at {@code n.field}, or {@code fallback} when absent; anything else throws. */
    public static Duration millis(JsonNode n, String field, Duration fallback, String provider, String source) {
        JsonNode v = n.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToLong() || v.asLong() <= 0) {
            throw new RoutingFileError("/providers/" + provider + "/" + field, provider + "." + field
                    + " must be a positive number of milliseconds");
        }
        return Duration.ofMillis(v.asLong());
    }
}
