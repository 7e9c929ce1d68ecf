package app.router4ai.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.Executor;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * platform-http on Spring Boot, with consumers that can also serve a request on the caller's thread
 * ({@link InlineDispatchFilter}). Otherwise Spring Boot's engine: requests Spring MVC maps run on the
 * application task executor (virtual threads) and come back through an async dispatch.
 */
@Component("platform-http-engine")   // the name platform-http looks its engine up by
class InlinePlatformHttpEngine extends SpringBootPlatformHttpEngine {

    private final Executor executor;

    InlinePlatformHttpEngine(@Value("${server.port:8080}") int port,
                             @Qualifier("applicationTaskExecutor") Executor executor) {
        super(port, executor);
        this.executor = executor;
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new InlineConsumer(endpoint, processor, executor);
    }

    static final class InlineConsumer extends SpringBootPlatformHttpConsumer {

        InlineConsumer(PlatformHttpEndpoint endpoint, Processor processor, Executor executor) {
            super(endpoint, processor, executor);
        }

        /**
         * With {@code useStreaming=true} the body stays the servlet's stream, read once by the route
         * ({@code RequestBody}). Two halves: this property makes the binding hand over the stream instead of a
         * copy; {@link UnbufferedBody} (in {@link #serve}) stops platform-http copying that stream after all.
         */
        @Override
        public Exchange createExchange(boolean autoRelease) {
            Exchange exchange = super.createExchange(autoRelease);
            if (getEndpoint().isUseStreaming()) {
                exchange.setProperty(Exchange.DISABLE_HTTP_STREAM_CACHE, true);
            }
            return exchange;
        }

        /** The whole exchange, response written, before returning: for a thread that may block (virtual). */
        void serve(HttpServletRequest request, HttpServletResponse response) throws Exception {
            handleService(getEndpoint().isUseStreaming() ? new UnbufferedBody(request) : request, response);
        }
    }
}
