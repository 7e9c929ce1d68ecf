package app.router4ai.provider;

import app.router4ai.routing.ModelCatalog;
import app.router4ai.routing.RoutingConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps one route per provider of the routing file, made from the {@code provider} route template
 * ({@code routes/providers.yaml}): a provider's route is added before a version naming it serves, and removed
 * after the version that no longer names it took over. Removing waits for the exchanges in flight on it; a
 * stream already handed to its client is no longer one of them and carries on.
 */
@Component
class ProviderRoutes implements CamelContextConfiguration, ModelCatalog.Listener {

    static final String TEMPLATE = "provider";
    private static final Logger log = LoggerFactory.getLogger(ProviderRoutes.class);

    private final ModelCatalog catalog;
    private CamelContext camel;

    ProviderRoutes(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    static String routeId(String provider) {
        return "provider-" + provider;
    }

    /** After the YAML routes (the template among them) are loaded, before any starts: the provider routes start with them. */
    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
        catalog.listen(this);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
    }

    @Override
    public void beforeServing(RoutingConfig next) {
        for (String provider : next.providers().keySet()) {
            if (camel.getRoute(routeId(provider)) == null) {
                TemplatedRouteBuilder.builder(camel, TEMPLATE).routeId(routeId(provider)).parameter("name", provider).add();
                log.info("Route {} added", routeId(provider));
            }
        }
    }

    @Override
    public void afterServing(RoutingConfig previous, RoutingConfig next) {
        for (String provider : previous.providers().keySet()) {
            if (!next.providers().containsKey(provider)) {
                try {
                    camel.getRouteController().stopRoute(routeId(provider));
                    camel.removeRoute(routeId(provider));
                    log.info("Route {} removed", routeId(provider));
                } catch (Exception e) {
                    log.warn("Route {} could not be removed: {}", routeId(provider), e.toString());
                }
            }
        }
    }
}
