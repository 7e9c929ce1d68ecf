package app.router4ai.routing.failover;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The routing file's failover settings: a {@link FailoverPolicy} per target (today a provider's name under
 * {@code providers:}, with {@code default}), overridden by the model's tier ({@code tiers:}) and by the model's own
 * entry, each key on its own; and what each model can take: its
 * {@code context_window} in tokens (a prompt too long for one model fails over only to larger ones) and whether it
 * {@code can_continue} a broken stream; and which models are hedged ({@code hedge:} on a tier, or on a model over
 * its tier's).
 */
public record FailoverSettings(Map<String, FailoverPolicy> targets, Map<String, FailoverPolicy> models,
                               Map<String, Long> contextWindows, java.util.Set<String> continuing,
                               Map<String, HedgePolicy> hedges) {

    public static final FailoverSettings DEFAULT = new FailoverSettings(Map.of(), Map.of(), Map.of(), java.util.Set.of(), Map.of());

    /** The hedging of a model's requests, or null when they are not hedged (the default). */
    public HedgePolicy hedge(String model) {
        return hedges.isEmpty() ? null : hedges.get(model);
    }

    /**
     * Whether a model can continue another's broken stream ({@code can_continue: true}): it takes the text already
     * delivered as an assistant prefill and goes on from there (Anthropic's models up to the 4.5 generation do;
     * OpenAI's do not, and some newer models reject a prefill).
     */
    public boolean canContinue(String model) {
        return continuing.contains(model);
    }

    /** Settings for one attempt: the model's (with its tier's and its own overrides), else its target's, else {@code default}. */
    public FailoverPolicy policy(String target, String model) {
        FailoverPolicy own = models.get(model);
        if (own != null) {
            return own;
        }
        return targets.getOrDefault(target, targets.getOrDefault("default", FailoverPolicy.DEFAULT));
    }

    /** A model's context window in tokens; 0 when the routing file does not say. */
    public long contextWindow(String model) {
        return contextWindows.getOrDefault(model, 0L);
    }

    public static FailoverSettings parse(JsonNode root, String source) {
        Map<String, FailoverPolicy> targets = new LinkedHashMap<>();
        FailoverPolicy base = FailoverPolicy.parse(root.path("providers").path("default"), FailoverPolicy.DEFAULT, "default", source);
        targets.put("default", base);
        root.path("providers").properties().forEach(e -> {
            if (!e.getKey().equals("default")) {
                targets.put(e.getKey(), FailoverPolicy.parse(e.getValue(), base, e.getKey(), source));
            }
        });
        Map<String, FailoverPolicy> models = new LinkedHashMap<>();
        Map<String, Long> windows = new LinkedHashMap<>();
        java.util.Set<String> continuing = new java.util.HashSet<>();
        Map<String, HedgePolicy> hedges = new LinkedHashMap<>();
        root.path("tiers").properties().forEach(t -> HedgePolicy.parse(t.getValue(), "tier " + t.getKey(), source));
        root.path("models").properties().forEach(e -> {
            JsonNode m = e.getValue();
            FailoverPolicy target = targets.getOrDefault(m.path("provider").asText(""), base);
            String tier = m.path("tier").asText("");
            FailoverPolicy inTier = FailoverPolicy.parse(root.path("tiers").path(tier), target, "tier " + tier, source);
            FailoverPolicy own = FailoverPolicy.parse(m, inTier, "model " + e.getKey(), source);
            if (!own.equals(target)) {
                models.put(e.getKey(), own);
            }
            JsonNode window = m.get("context_window");
            if (window != null) {
                if (!window.canConvertToLong() || window.asLong() <= 0) {
                    throw new IllegalArgumentException(source + ": model " + e.getKey() + " needs a positive whole number 'context_window'");
                }
                windows.put(e.getKey(), window.asLong());
            }
            if (m.path("can_continue").asBoolean(false)) {
                continuing.add(e.getKey());
            }
            HedgePolicy hedge = HedgePolicy.parse(m, "model " + e.getKey(), source);
            if (hedge == null) {
                hedge = HedgePolicy.parse(root.path("tiers").path(tier), "tier " + tier, source);
            }
            if (hedge != null) {
                hedges.put(e.getKey(), hedge);
            }
        });
        return new FailoverSettings(Map.copyOf(targets), Map.copyOf(models), Map.copyOf(windows), java.util.Set.copyOf(continuing),
                Map.copyOf(hedges));
    }
}
