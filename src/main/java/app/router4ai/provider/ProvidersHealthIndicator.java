package app.router4ai.provider;

import app.router4ai.routing.ModelCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code providers}: each provider of the routing file, disabled when its
 * key is not set (and which variable or file should hold it), else its breaker state; deployments with their
 * own id show theirs too. Open breakers make it DEGRADED-looking (UP with details) rather than DOWN: the
 * router still serves through the other providers.
 */
@Component("providers")
public class ProvidersHealthIndicator implements HealthIndicator {

    private final ModelCatalog catalog;
    private final ProviderHealth health;

    public ProvidersHealthIndicator(ModelCatalog catalog, ProviderHealth health) {
        this.catalog = catalog;
        this.health = health;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean anyUsable = false;
        boolean anyConfigured = false;
        for (ProviderSettings provider : catalog.current().providers().values()) {
            if (!provider.configured()) {
                details.put(provider.name(), Map.of("configured", false, "status", "disabled",
                        "reason", provider.whyDisabled()));
                continue;
            }
            String breaker = breaker(provider.name());
            details.put(provider.name(), Map.of("configured", true, "status", "enabled", "breaker", breaker,
                    "retry_in_s", health.secondsUntilAvailable(provider.name())));
            anyConfigured = true;
            anyUsable |= !breaker.equals("open");
        }
        catalog.current().routes().values().forEach(route -> route.deployments().forEach(d -> {
            if (!d.key().equals(d.providerName()) && d.provider().configured()) {
                details.putIfAbsent(d.key(), Map.of("deployment_of", d.providerName(), "breaker", breaker(d.key()),
                        "retry_in_s", health.secondsUntilAvailable(d.key())));
            }
        }));
        return (anyUsable || !anyConfigured ? Health.up() : Health.down()).withDetails(details).build();
    }

    private String breaker(String key) {
        return health.breaker(key).getState().name().toLowerCase();
    }
}
