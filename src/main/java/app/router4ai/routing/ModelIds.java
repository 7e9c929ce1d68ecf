package app.router4ai.routing;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the catalog model a client's model id names. Besides the catalog id itself, the names providers give
 * the same model: a dated snapshot or {@code -latest} alias of it ({@code claude-sonnet-4-6-20260217} for
 * {@code claude-sonnet-4-6}, as Claude Code and Anthropic's SDKs send them), and the provider's own model id
 * ({@code provider_model}).
 */
final class ModelIds {

    private static final Pattern SNAPSHOT = Pattern.compile("(-\\d{8}|-latest)$");

    private ModelIds() {
    }

    /** The catalog model for {@code id}, or null. */
    static CatalogModel find(Map<String, CatalogModel> models, String id) {
        CatalogModel exact = models.get(id);
        if (exact != null) {
            return exact;
        }
        String undated = SNAPSHOT.matcher(id).replaceFirst("");
        CatalogModel alias = models.get(undated);
        if (alias != null) {
            return alias;
        }
        for (CatalogModel model : models.values()) {
            if (model.providerModel().equals(id) || model.providerModel().equals(undated)) {
                return model;
            }
        }
        return null;
    }
}
