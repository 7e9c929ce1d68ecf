package app.router4ai.routing;

import app.router4ai.provider.ProviderSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A model's {@code deployments:} (provider, {@code provider_model}, {@code weight}, optionally its own
 * {@code base_url} / {@code api_key_env} / {@code api_key_file} / {@code api_version} and {@code id}) and its
 * {@code balance:}; a model without deployments has one, on its {@code provider}.
 */
final class DeploymentEntries {

    private DeploymentEntries() {
    }

    static ModelRoute parse(CatalogModel model, JsonNode entry, Map<String, ProviderSettings> providers,
                            Function<String, String> environment) {
        String at = "/models/" + model.id();
        String balanceName = entry.path("balance").asText("weighted");
        Balance balance = Balance.parse(balanceName);
        if (balance == null) {
            throw new RoutingFileError(at + "/balance", "model " + model.id() + " has balance '" + balanceName
                    + "', expected weighted, least-busy or lowest-latency");
        }
        if (!entry.has("deployments")) {
            return new ModelRoute(List.of(new Deployment(model, provider(providers, model.provider(), model.id(), at + "/provider"))),
                    balance);
        }
        List<Deployment> deployments = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entry.get("deployments").size(); i++) {
            JsonNode d = entry.get("deployments").get(i);
            String here = at + "/deployments/" + i;
            ProviderSettings provider = provider(providers, d.path("provider").asText(""), model.id(), here + "/provider");
            ProviderSettings endpoint = ProviderEntries.endpoint(provider, d, here, environment);
            String id = d.path("id").asText(provider.name());
            if (endpoint != provider && !d.has("id")) {
                throw new RoutingFileError(here, "a deployment of " + model.id() + " with its own endpoint or key needs an 'id' "
                        + "(its breaker and statistics are kept under it)");
            }
            if (!ids.add(id)) {
                throw new RoutingFileError(here, "model " + model.id() + " has two deployments with id '" + id
                        + "': give each its own 'id'");
            }
            int weight = d.path("weight").asInt(1);
            if (!d.path("weight").isMissingNode() && (!d.get("weight").canConvertToInt() || weight < 0)) {
                throw new RoutingFileError(here + "/weight", "the weight of a deployment of " + model.id() + " must be a whole number ≥ 0");
            }
            deployments.add(new Deployment(model.servedBy(provider.name(), d.path("provider_model").asText(model.providerModel())),
                    endpoint, id, weight));
        }
        if (deployments.isEmpty()) {
            throw new RoutingFileError(at + "/deployments", "model " + model.id() + " lists no deployments");
        }
        return new ModelRoute(List.copyOf(deployments), balance);
    }

    private static ProviderSettings provider(Map<String, ProviderSettings> providers, String name, String model, String at) {
        ProviderSettings provider = providers.get(name);
        if (provider == null) {
            throw new RoutingFileError(at, "model " + model + " is on provider '" + name + "', which is neither built in "
                    + "nor defined under 'providers:' (known: " + String.join(", ", providers.keySet()) + ")");
        }
        return provider;
    }
}
