package app.router4ai.call;

import org.apache.camel.Predicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The questions the routes ask of a call, as named predicates (the YAML's {@code ref:}): the routes read
 * the typed {@link ApiCall} instead of loose exchange properties.
 */
@Configuration(proxyBeanMethods = false)
class CallPredicates {

    /** The client asked for a stream. */
    @Bean
    Predicate streamedAnswer() {
        return exchange -> ApiCall.of(exchange).stream();
    }

    /** No candidate has answered yet: the failover loop tries the next one. */
    @Bean
    Predicate stillTrying() {
        return exchange -> ApiCall.of(exchange).stillTrying();
    }

    /** The response cache holds an answer for this request. */
    @Bean
    Predicate cachedAnswer() {
        return exchange -> ApiCall.of(exchange).cachedEntry() != null;
    }
}
