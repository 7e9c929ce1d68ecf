package app.router4ai.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code providers}: each provider's breaker state and whether it
 * has a key. Open breakers make it DEGRADED-looking (UP with details) rather than DOWN: the router
 * still serves through the other providers.
 */
@Component("providers")
public class ProvidersHealthIndicator implements HealthIndicator {

    private final Providers providers;
    private final ProviderHealth health;

    public ProvidersHealthIndicator(Providers providers, ProviderHealth health) {
        this.providers = providers;
        this.health = health;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean anyUsable = false;
        for (ProviderSettings provider : providers.all().values()) {
            String breaker = provider.configured() ? health.breaker(provider.name()).getState().name().toLowerCase() : "n/a";
            details.put(provider.name(), Map.of("configured", provider.configured(), "breaker", breaker,
                    "retry_in_s", health.secondsUntilAvailable(provider.name())));
            anyUsable |= provider.configured() && !breaker.equals("open");
        }
        boolean anyConfigured = providers.all().values().stream().anyMatch(ProviderSettings::configured);
        return (anyUsable || !anyConfigured ? Health.up() : Health.down()).withDetails(details).build();
    }
}
