package app.router4ai.web;

import app.router4ai.web.InlinePlatformHttpEngine.InlineConsumer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.PlatformHttpListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Serves the platform-http endpoints with a fixed path (POST /v1/chat/completions, GET /v1/models, ...)
 * on the request's own virtual thread, after every other filter. Through Spring MVC the same exchange
 * cost a handler lookup, a hop to another thread and an async re-dispatch through the filters; on a
 * virtual thread blocking on the provider is cheap, so none of that buys anything. Path templates,
 * other methods (405), OPTIONS and everything else still go to Spring MVC, unchanged.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class InlineDispatchFilter extends OncePerRequestFilter implements PlatformHttpListener {

    private record Target(Set<String> methods, InlineConsumer consumer) {}

    private final Map<String, Target> byPath = new ConcurrentHashMap<>();

    InlineDispatchFilter(CamelContext camel) {
        PlatformHttpComponent platformHttp = camel.getComponent("platform-http", PlatformHttpComponent.class);
        platformHttp.addPlatformHttpListener(this);
        platformHttp.getHttpEndpoints().forEach(this::registerHttpEndpoint);   // consumers started before us
    }

    @Override
    public void registerHttpEndpoint(HttpEndpointModel model) {
        if (model.getConsumer() instanceof InlineConsumer consumer && !model.getUri().contains("{")) {
            String restrict = ((PlatformHttpEndpoint) consumer.getEndpoint()).getHttpMethodRestrict();
            String verbs = restrict != null ? restrict : model.getVerbs();
            if (verbs != null && !verbs.isBlank()) {
                byPath.put(model.getUri(), new Target(Set.of(verbs.toUpperCase(java.util.Locale.ROOT).split("\\s*,\\s*")), consumer));
            }
        }
    }

    @Override
    public void unregisterHttpEndpoint(HttpEndpointModel model) {
        byPath.computeIfPresent(model.getUri(), (path, target) -> target.consumer() == model.getConsumer() ? null : target);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Target target = byPath.get(request.getRequestURI());
        if (target == null || !target.methods().contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        // metrics tag the request by its route path, as Spring MVC's mapping would have
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(request.getRequestURI()));
        try {
            target.consumer().serve(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
