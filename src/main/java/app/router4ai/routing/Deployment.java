package app.router4ai.routing;

import app.router4ai.provider.ProviderSettings;

/** Where one call goes: a catalog model served by one provider. */
public record Deployment(CatalogModel model, ProviderSettings provider) {

    public String providerName() {
        return provider.name();
    }

    public String tier() {
        return model.tier();
    }
}
