package app.router4ai.routing;

import app.router4ai.provider.ProviderHealth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/** Orders a tier's models for one request, by the tier's strategy. The requested model leads under affinity. */
@Component
public class CandidateOrder {

    private final ProviderHealth health;

    public CandidateOrder(ProviderHealth health) {
        this.health = health;
    }

    /** One model per provider: the requested one for its provider, then the tier's others on other providers. */
    public List<CatalogModel> order(CatalogModel requested, RoutingConfig config) {
        TierPolicy policy = config.tier(requested.tier());
        List<CatalogModel> others = new ArrayList<>();
        for (CatalogModel m : config.models().values()) {
            if (m.tier().equals(requested.tier()) && !m.provider().equals(requested.provider()) && m.canStandInFor(requested)
                    && others.stream().noneMatch(o -> o.provider().equals(m.provider()))) {
                others.add(m);
            }
        }
        List<CatalogModel> ordered = new ArrayList<>();
        switch (policy.strategy()) {
            case AFFINITY -> {
                ordered.add(requested);
                others.sort(Comparator.comparingInt(m -> policy.rank(m.provider())));
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
                ordered = weighted(ordered, policy);
            }
        }
        return ordered;
    }

    /** A weighted draw without replacement; providers without a weight get 1, weight 0 goes last. */
    private static List<CatalogModel> weighted(List<CatalogModel> pool, TierPolicy policy) {
        List<CatalogModel> left = new ArrayList<>(pool);
        List<CatalogModel> drawn = new ArrayList<>();
        while (!left.isEmpty()) {
            int total = left.stream().mapToInt(m -> policy.weights().getOrDefault(m.provider(), 1)).sum();
            if (total == 0) {
                drawn.addAll(left);
                break;
            }
            int pick = ThreadLocalRandom.current().nextInt(total);
            for (int i = 0; i < left.size(); i++) {
                pick -= policy.weights().getOrDefault(left.get(i).provider(), 1);
                if (pick < 0) {
                    drawn.add(left.remove(i));
                    break;
                }
            }
        }
        return drawn;
    }
}
