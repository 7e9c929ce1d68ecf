package app.router4ai.routing;

import app.router4ai.provider.ProviderHealth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** Orders a tier's models for one request, by the tier's strategy. The requested model leads under affinity. */
@Component
public class CandidateOrder {

    private final ProviderHealth health;

    public CandidateOrder(ProviderHealth health) {
        this.health = health;
    }

    /**
     * The requested model and the tier's others that can stand in for it: the tier's {@code models} in the
     * operator's order when the file lists them, else one model per provider (the requested one for its provider).
     */
    public List<CatalogModel> order(CatalogModel requested, RoutingConfig config) {
        TierPolicy policy = config.tier(requested.tier());
        List<CatalogModel> others = new ArrayList<>();
        if (!policy.models().isEmpty()) {
            policy.models().stream().map(config.models()::get)
                    .filter(m -> m != requested && m.canStandInFor(requested)).forEach(others::add);
        } else {
            for (CatalogModel m : config.models().values()) {
                if (m.tier().equals(requested.tier()) && !m.provider().equals(requested.provider()) && m.canStandInFor(requested)
                        && others.stream().noneMatch(o -> o.provider().equals(m.provider()))) {
                    others.add(m);
                }
            }
        }
        List<CatalogModel> ordered = new ArrayList<>();
        switch (policy.strategy()) {
            case AFFINITY -> {
                ordered.add(requested);
                if (policy.models().isEmpty()) {
                    others.sort(Comparator.comparingInt(m -> policy.rank(m.provider())));
                }
                ordered.addAll(others);
            }
            case CHEAPEST -> {
                ordered.add(requested);
                ordered.addAll(others);
                ordered.sort(Comparator.comparing(m -> m.inputUsdPerMillion().add(m.outputUsdPerMillion())));
            }
            case FASTEST -> {
                ordered.add(requested);
                ordered.addAll(others);
                ordered.sort(Comparator.comparingDouble(m -> health.ttfbMs(m.provider())));
            }
            case WEIGHTED -> {
                ordered.add(requested);
                ordered.addAll(others);
                ordered = WeightedDraw.draw(ordered, m -> policy.weights().getOrDefault(m.provider(), 1));
            }
        }
        return ordered;
    }

    /**
     * The model a request for a tier by name starts with: the first the tier's strategy puts first among its
     * models of {@code kind}; null when the tier has none of that kind.
     */
    public CatalogModel lead(String tier, ModelKind kind, RoutingConfig config) {
        TierPolicy policy = config.tier(tier);
        List<CatalogModel> members = new ArrayList<>();
        policy.models().stream().map(config.models()::get).forEach(members::add);
        config.models().values().stream().filter(m -> m.tier().equals(tier) && !members.contains(m)).forEach(members::add);
        members.removeIf(m -> m.kind() != kind);
        if (members.isEmpty()) {
            return null;
        }
        if (policy.strategy() == TierPolicy.Strategy.AFFINITY && policy.models().isEmpty()) {
            members.sort(Comparator.comparingInt(m -> policy.rank(m.provider())));
        }
        return order(members.getFirst(), config).getFirst();
    }
}
