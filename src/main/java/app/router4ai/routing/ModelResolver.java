package app.router4ai.routing;

import app.router4ai.api.ApiError;
import app.router4ai.call.ApiCall;
import app.router4ai.call.Surface;
import app.router4ai.provider.WireAdapters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Model and tier resolution. The client's {@code model} names a model, a tier or a model group; a request may
 * add fallbacks ({@code models: [...]}, OpenRouter's form, {@code model} first). The candidates are each
 * model's deployments in turn (spread by its balance), then the first model's tier, by the tier's strategy.
 * {@code provider:model} pins the provider: only its deployments of that model, no tier fallback. Providers
 * without a key or an adapter are left out here; breakers and cooldowns are checked per attempt.
 */
@Component
public class ModelResolver implements Processor {

    private final ModelCatalog catalog;
    private final WireAdapters adapters;
    private final CandidateOrder order;
    private final DeploymentOrder deployments;

    public ModelResolver(ModelCatalog catalog, WireAdapters adapters, CandidateOrder order, DeploymentOrder deployments) {
        this.catalog = catalog;
        this.adapters = adapters;
        this.order = order;
        this.deployments = deployments;
    }

    @Override
    public void process(Exchange exchange) {
        ApiCall call = ApiCall.of(exchange);
        call.candidates(resolve(RequestFallbacks.read(call.request(), call.requestedModel()), call.surface()));
    }

    List<Deployment> resolve(String requested, Surface surface) {
        return resolve(List.of(requested), surface);
    }

    /** The candidates for a chain of requested models (the request's model, then its fallbacks). */
    List<Deployment> resolve(List<String> chain, Surface surface) {
        RoutingConfig config = catalog.current();
        String requested = chain.getFirst();
        if (chain.size() == 1 && config.groups().containsKey(requested)) {
            chain = config.groups().get(requested);
        } else if (chain.size() == 1 && config.models().get(requested) == null && config.isTier(requested)) {
            CatalogModel lead = order.lead(requested, kindOf(surface), config);
            if (lead == null) {
                throw ApiError.invalidRequest("model", "The tier '" + requested + "' has no model served on " + surface.path() + ".");
            }
            chain = List.of(lead.id());
        }
        List<Pinned> entries = entries(chain, config, requested);
        // keyed by (model id, deployment key), not by the Deployment record: its hashCode walks the whole model and
        // provider settings on every request
        Map<DeploymentId, Deployment> candidates = new LinkedHashMap<>();
        for (Pinned entry : entries) {
            if (entry.model().kind().operation() != surface.operation()) {
                throw ApiError.invalidRequest("model", "The model '" + entry.asked() + "' is a"
                        + (entry.model().kind() == ModelKind.EMBEDDING ? "n " : " ") + entry.model().kind().label()
                        + " model: it is not served on " + surface.path() + ".");
            }
            if (entries.size() > 1 || entry.provider() != null) {
                addAll(candidates, deploymentsOf(entry.model(), entry.provider(), config));
            }
        }
        Pinned first = entries.getFirst();
        if (first.provider() == null) {   // the tier, by its strategy (which may put another model before the requested one)
            for (CatalogModel m : order.order(first.model(), config)) {
                addAll(candidates, deploymentsOf(m, null, config));
            }
        }
        return usable(new ArrayList<>(candidates.values()), requested);
    }

    private record DeploymentId(String model, String key) {
    }

    private static void addAll(Map<DeploymentId, Deployment> candidates, List<Deployment> deployments) {
        for (Deployment d : deployments) {
            candidates.putIfAbsent(new DeploymentId(d.model().id(), d.key()), d);
        }
    }

    private static ModelKind kindOf(Surface surface) {
        return switch (surface.operation()) {
            case CHAT -> ModelKind.CHAT;
            case COMPLETIONS -> ModelKind.COMPLETION;
            case EMBEDDINGS -> ModelKind.EMBEDDING;
            case MODERATIONS -> ModelKind.MODERATION;
        };
    }

    /** A requested model, pinned to one provider or not. */
    private record Pinned(String asked, CatalogModel model, String provider) {
    }

    private static List<Pinned> entries(List<String> chain, RoutingConfig config, String requested) {
        List<Pinned> entries = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String asked : chain) {
            int colon = asked.indexOf(':');
            String pinned = colon > 0 ? asked.substring(0, colon) : null;
            String modelId = colon > 0 ? asked.substring(colon + 1) : asked;
            CatalogModel model = ModelIds.find(config.models(), modelId);
            if (model == null) {
                unknown.add(asked);
            } else if (pinned != null && config.route(model.id()).deployments().stream().noneMatch(d -> d.providerName().equals(pinned))) {
                throw ApiError.modelNotFound(asked, "The model '" + modelId + "' is not served by provider '"
                        + pinned + "' on this router.");
            } else {
                entries.add(new Pinned(asked, model, pinned));
            }
        }
        if (!unknown.isEmpty() && chain.size() == 1) {
            throw ApiError.modelNotFound(requested,
                    "The model '" + requested + "' does not exist. GET /v1/models lists the models this router serves.");
        }
        if (!unknown.isEmpty()) {
            throw ApiError.invalidRequest("models", "Unknown model" + (unknown.size() > 1 ? "s" : "") + " in 'models': "
                    + String.join(", ", unknown) + ". GET /v1/models lists the models this router serves.");
        }
        return entries;
    }

    private List<Deployment> deploymentsOf(CatalogModel model, String pinnedProvider, RoutingConfig config) {
        List<Deployment> ordered = deployments.order(config.route(model.id()));
        return pinnedProvider == null ? ordered : ordered.stream().filter(d -> d.providerName().equals(pinnedProvider)).toList();
    }

    private List<Deployment> usable(List<Deployment> ordered, String requested) {
        List<Deployment> candidates = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (Deployment d : ordered) {
            if (!adapters.supports(d.provider().wire())) {
                unusable.add(d.key() + " (not available on this router)");
            } else if (!d.provider().configured()) {
                unusable.add(d.key() + " (not configured: " + d.provider().whyDisabled() + ")");
            } else {
                candidates.add(d);
            }
        }
        if (candidates.isEmpty()) {
            throw ApiError.notRetryable(ApiError.allProvidersFailed("No provider can serve '" + requested + "': "
                    + String.join("; ", unusable) + ".", 60));
        }
        return candidates;
    }
}
