package app.router4ai.routing.failover;

import app.router4ai.call.ApiCall;
import app.router4ai.routing.ModelCatalog;
import org.apache.camel.Predicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The failover route's question about hedging, as a named predicate (the YAML's {@code ref:}). */
@Configuration(proxyBeanMethods = false)
class HedgePredicates {

    /**
     * The model being tried is hedged ({@code hedge:} in the routing file). Without any {@code hedge:} this is one
     * look at an empty map: the no-fault path of an unhedged router pays nothing more.
     */
    @Bean
    Predicate hedgedModel(ModelCatalog catalog) {
        return exchange -> catalog.current().failover().hedge(ApiCall.of(exchange).deployment().model().id()) != null;
    }
}
