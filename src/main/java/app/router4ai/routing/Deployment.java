package app.router4ai.routing;

import app.router4ai.provider.ProviderSettings;

/**
 * Where one call goes: a catalog model served by one provider, at its own endpoint where the routing file gives
 * it one. {@code model} is the catalog model as this deployment serves it (its provider and provider model id).
 *
 * @param key    the deployment's id: its breaker, cooldown, latency and load are kept under it (the provider's
 *               name unless the routing file names the deployment)
 * @param weight its share of the model's traffic under {@code balance: weighted}
 */
public record Deployment(CatalogModel model, ProviderSettings provider, String key, int weight) {

    /** The provider's one deployment of a model. */
    public Deployment(CatalogModel model, ProviderSettings provider) {
        this(model, provider, provider.name(), 1);
    }

    public String providerName() {
        return provider.name();
    }

    public String tier() {
        return model.tier();
    }
}
