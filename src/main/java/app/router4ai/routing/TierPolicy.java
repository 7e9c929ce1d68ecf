package app.router4ai.routing;

import java.util.List;
import java.util.Map;

/**
 * How a tier orders its candidates. {@code affinity}: the requested model's provider first, then the
 * tier's other providers in {@code order} (or the tier's {@code models} in their order). {@code cheapest}: by
 * list price. {@code fastest}: by observed time to first byte. {@code weighted}: a random order drawn by
 * {@code weights}.
 *
 * @param models the tier's models in the operator's order, when the file lists them; empty: every model whose
 *               {@code tier} names it, one per provider
 */
public record TierPolicy(Strategy strategy, List<String> order, Map<String, Integer> weights, List<String> models) {

    public enum Strategy { AFFINITY, CHEAPEST, FASTEST, WEIGHTED }

    public static final TierPolicy DEFAULT = new TierPolicy(Strategy.AFFINITY, List.of(), Map.of(), List.of());

    public TierPolicy(Strategy strategy, List<String> order, Map<String, Integer> weights) {
        this(strategy, order, weights, List.of());
    }

    /** Position of a provider in the operator's order; unlisted providers come last, in catalog order. */
    public int rank(String provider) {
        int i = order.indexOf(provider);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
