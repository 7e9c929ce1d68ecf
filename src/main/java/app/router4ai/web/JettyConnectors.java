package app.router4ai.web;

import app.router4ai.api.ErrorBodies;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Jetty's connectors. The accept queue is sized for bursts of new connections: Jetty's default leaves
 * the JDK's backlog of 50, and a burst of 1,000 clients connecting at once then saw connections reset
 * before their request was read. With {@code server.forward-headers-strategy=native} (the default),
 * X-Forwarded-* are believed from the configured proxies only ({@link TrustedProxyForwarding}) instead of
 * Jetty's believe-anyone customizer. Jetty's virtual-thread pool lets only 200 tasks run at once by default;
 * API requests run to their end on Jetty's thread ({@link InlineDispatchFilter}), a stream for a minute or more,
 * so the 201st concurrent request waited for one to finish: the pool's cap is the connection limit instead.
 * Jetty's own refusals (bad headers, suspicious paths) answer in the API's error shape ({@link ApiErrorHandler}).
 * Runs after Spring Boot's own customizers.
 */
@Component
class JettyConnectors implements WebServerFactoryCustomizer<JettyServletWebServerFactory>, Ordered {

    static final int ACCEPT_QUEUE = 4096;

    private final ServerProperties server;
    private final ForwardingSettings forwarding;
    private final ErrorBodies errors;

    JettyConnectors(ServerProperties server, ForwardingSettings forwarding, ErrorBodies errors) {
        this.server = server;
        this.forwarding = forwarding;
        this.errors = errors;
    }

    @Override
    public void customize(JettyServletWebServerFactory factory) {
        boolean trustedProxiesOnly = server.getForwardHeadersStrategy() == ServerProperties.ForwardHeadersStrategy.NATIVE;
        if (trustedProxiesOnly) {
            factory.setUseForwardHeaders(false);   // ours below instead of Jetty's ForwardedRequestCustomizer
        }
        factory.addServerCustomizers(jetty -> {
            jetty.setErrorHandler(new ApiErrorHandler(errors));
            if (jetty.getThreadPool() instanceof VirtualThreadPool pool) {
                pool.setMaxThreads(maxConcurrentTasks(server.getJetty().getMaxConnections()));
            }
            for (var connector : jetty.getConnectors()) {
                if (connector instanceof ServerConnector network) {
                    network.setAcceptQueueSize(ACCEPT_QUEUE);   // the kernel caps it at net.core.somaxconn
                }
                HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
                if (http != null) {
                    // Jetty reuses a header it parsed earlier on the same connection when the next one matches it
                    // ignoring case: "Bearer KEY" then "Bearer key" both reached us as the first. Values are exact.
                    http.getHttpConfiguration().setHeaderCacheCaseSensitive(true);
                }
                if (trustedProxiesOnly && http != null) {
                    http.getHttpConfiguration().addCustomizer(new TrustedProxyForwarding(forwarding.addresses()));
                }
            }
        });
    }

    /** One request per connection at a time, plus Jetty's own acceptor and selector tasks. */
    static int maxConcurrentTasks(int maxConnections) {
        return maxConnections <= 0 ? Integer.MAX_VALUE : maxConnections + 256;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
