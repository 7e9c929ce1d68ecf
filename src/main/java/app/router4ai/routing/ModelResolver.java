package app.router4ai.routing;

import app.router4ai.api.ApiError;
import app.router4ai.call.ApiCall;
import app.router4ai.call.Surface;
import app.router4ai.provider.ProviderSettings;
import app.router4ai.provider.Providers;
import app.router4ai.provider.WireAdapters;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Model and tier resolution: the catalog gives the requested model's tier; the tier's strategy orders
 * the candidate deployments. {@code provider:model} pins one provider, with no failover. Providers
 * without a key or without an adapter are left out here; breakers and cooldowns are checked per attempt.
 */
@Component
public class ModelResolver implements Processor {

    private final ModelCatalog catalog;
    private final Providers providers;
    private final WireAdapters adapters;
    private final CandidateOrder order;

    public ModelResolver(ModelCatalog catalog, Providers providers, WireAdapters adapters, CandidateOrder order) {
        this.catalog = catalog;
        this.providers = providers;
        this.adapters = adapters;
        this.order = order;
    }

    @Override
    public void process(Exchange exchange) {
        ApiCall call = ApiCall.of(exchange);
        call.candidates(resolve(call.requestedModel(), call.surface()));
    }

    List<Deployment> resolve(String requested, Surface surface) {
        RoutingConfig config = catalog.current();
        int colon = requested.indexOf(':');
        String pinnedProvider = colon > 0 ? requested.substring(0, colon) : null;
        String modelId = colon > 0 ? requested.substring(colon + 1) : requested;
        CatalogModel model = ModelIds.find(config.models(), modelId);
        if (model == null) {
            throw ApiError.modelNotFound(requested,
                    "The model '" + requested + "' does not exist. GET /v1/models lists the models this router serves.");
        }
        if (pinnedProvider != null && !pinnedProvider.equals(model.provider())) {
            throw ApiError.modelNotFound(requested, "The model '" + modelId + "' is not served by provider '"
                    + pinnedProvider + "' on this router.");
        }
        if (model.kind().operation() != surface.operation()) {
            throw ApiError.invalidRequest("model", "The model '" + requested + "' is a" + (model.kind() == ModelKind.EMBEDDING ? "n " : " ")
                    + model.kind().label() + " model: it is not served on " + surface.path() + ".");
        }
        List<CatalogModel> ordered = pinnedProvider != null ? List.of(model) : order.order(model, config);
        List<Deployment> candidates = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (CatalogModel m : ordered) {
            ProviderSettings provider = providers.get(m.provider());
            if (provider == null || !adapters.supports(provider.wire())) {
                unusable.add(m.provider() + " (not available on this router)");
            } else if (!provider.configured()) {
                unusable.add(m.provider() + " (not configured: " + provider.keyVariable() + " is not set)");
            } else {
                candidates.add(new Deployment(m, provider));
            }
        }
        if (candidates.isEmpty()) {
            throw ApiError.notRetryable(ApiError.allProvidersFailed("No provider can serve '" + requested + "': "
                    + String.join("; ", unusable) + ".", 60));
        }
        return candidates;
    }
}
