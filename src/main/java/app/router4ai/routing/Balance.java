package app.router4ai.routing;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the router spreads a model's traffic over its deployments (the model's {@code balance:}). The order it
 * gives is the order they are tried in; a deployment whose breaker is open or that cools down is skipped.
 */
public enum Balance {
    /** A random order drawn by the deployments' {@code weight}s. */
    WEIGHTED,
    /** Fewest requests in flight first. */
    LEAST_BUSY,
    /** Lowest moving average of time to first byte first (an untried deployment counts as fastest). */
    LOWEST_LATENCY;

    static Balance parse(String id) {
        return Arrays.stream(values()).filter(b -> b.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(id))
                .findFirst().orElse(null);
    }
}
