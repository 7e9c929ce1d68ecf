package app.router4ai.billing.stripe;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The webhook's HTTP entry (REST DSL); the routes themselves are in routes/stripe.yaml. */
@Component
class StripeRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/v1/billing").post("/webhook").routeId("stripe-webhook-in").to("direct:stripe-webhook");
    }
}
