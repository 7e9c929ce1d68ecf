package app.router4ai.routing;

import app.router4ai.provider.ProviderHealth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** Orders one model's deployments for one request by the model's {@link Balance}. */
@Component
public class DeploymentOrder {

    private final ProviderHealth health;
    private final DeploymentLoad load;

    public DeploymentOrder(ProviderHealth health, DeploymentLoad load) {
        this.health = health;
        this.load = load;
    }

    public List<Deployment> order(ModelRoute route) {
        List<Deployment> deployments = route.deployments();
        if (deployments.size() == 1) {
            return deployments;
        }
        return switch (route.balance()) {
            case WEIGHTED -> WeightedDraw.draw(deployments, Deployment::weight);
            case LEAST_BUSY -> sorted(deployments, Comparator.comparingInt(d -> load.inFlight(d.key())));
            case LOWEST_LATENCY -> sorted(deployments, Comparator.comparingDouble(d -> health.ttfbMs(d.key())));
        };
    }

    private static List<Deployment> sorted(List<Deployment> deployments, Comparator<Deployment> by) {
        List<Deployment> sorted = new ArrayList<>(deployments);
        sorted.sort(by);
        return sorted;
    }
}
