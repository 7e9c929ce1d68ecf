package app.router4ai.routing;

import app.router4ai.api.ApiError;
import app.router4ai.chat.ChatCall;
import app.router4ai.provider.ProviderSettings;
import app.router4ai.provider.Providers;
import app.router4ai.provider.WireAdapters;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Picks the deployment for the requested model: the catalog gives its tier and provider;
 * {@code provider:model} pins the provider. Sets the exchange property {@code provider}, which
 * names the provider route to call.
 */
@Component
public class ModelResolver implements Processor {

    private final ModelCatalog catalog;
    private final Providers providers;
    private final WireAdapters adapters;

    public ModelResolver(ModelCatalog catalog, Providers providers, WireAdapters adapters) {
        this.catalog = catalog;
        this.providers = providers;
        this.adapters = adapters;
    }

    @Override
    public void process(Exchange exchange) {
        ChatCall call = exchange.getProperty(ChatCall.PROPERTY, ChatCall.class);
        Deployment deployment = resolve(call.requestedModel());
        call.deployment(deployment);
        exchange.setProperty("provider", deployment.providerName());
    }

    Deployment resolve(String requested) {
        int colon = requested.indexOf(':');
        String pinnedProvider = colon > 0 ? requested.substring(0, colon) : null;
        String modelId = colon > 0 ? requested.substring(colon + 1) : requested;
        CatalogModel model = catalog.find(modelId).orElseThrow(() -> ApiError.modelNotFound(requested,
                "The model '" + requested + "' does not exist. GET /v1/models lists the models this router serves."));
        if (pinnedProvider != null && !pinnedProvider.equals(model.provider())) {
            throw ApiError.modelNotFound(requested, "The model '" + modelId + "' is not served by provider '"
                    + pinnedProvider + "' on this router.");
        }
        ProviderSettings provider = providers.get(model.provider());
        if (provider == null || !adapters.supports(provider.wire())) {
            throw ApiError.allProvidersFailed("Provider '" + model.provider() + "' for model '" + modelId
                    + "' is not available on this router yet.", 60);
        }
        if (!provider.configured()) {
            throw ApiError.allProvidersFailed("Provider '" + provider.name() + "' is not configured: the operator has not set "
                    + provider.keyVariable() + ".", 60);
        }
        return new Deployment(model, provider);
    }
}
