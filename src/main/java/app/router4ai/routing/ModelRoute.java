package app.router4ai.routing;

import java.util.List;

/** A model's deployments, in the routing file's order, and how its traffic is spread over them. */
public record ModelRoute(List<Deployment> deployments, Balance balance) {
}
