package app.router4ai.api;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling shared by routes, by name. {@code api-errors}: routes that answer clients turn any
 * failure into an OpenAI error object. {@code internal}: routes called by other routes let failures
 * go back to their caller untouched and unlogged (the caller decides: fail over, or answer).
 */
@Component
class ErrorHandlingRoutes extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration("api-errors")
                .onException(Throwable.class).handled(true).process("errorResponder");
        routeConfiguration("internal")
                .errorHandler(noErrorHandler());
    }
}
