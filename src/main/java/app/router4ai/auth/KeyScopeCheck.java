package app.router4ai.auth;

import app.router4ai.api.ApiError;
import app.router4ai.call.ApiCall;
import app.router4ai.routing.Deployment;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Right after the candidates are known: a key with scopes may use only the models, tiers and providers its
 * patterns allow. The requested model must be allowed, and candidates outside the scopes (a failover to another
 * provider's model, say) are dropped; nothing left is a 403 {@code model_not_allowed} naming the allowed set,
 * before any cache lookup or provider call.
 */
@Component
public class KeyScopeCheck implements Processor {

    private final KeySettingsCache settings;

    public KeyScopeCheck(KeySettingsCache settings) {
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) {
        ApiCall call = ApiCall.of(exchange);
        KeySettings own = call.caller() == null ? null : settings.of(call.caller().keyId());
        if (own == null || !own.scopes().restricts()) {
            return;
        }
        KeyScopes scopes = own.scopes();
        String requested = call.requestedModel();
        int colon = requested.indexOf(':');
        String modelId = colon > 0 ? requested.substring(colon + 1) : requested;
        List<Deployment> allowed = call.remainingCandidates().stream()
                .filter(d -> scopes.allows(d.model().id(), d.tier(), d.providerName())).toList();
        if (!scopes.allowsModel(modelId) || allowed.isEmpty()) {
            throw new ApiError(403, "invalid_request_error", "model_not_allowed", "model", "This API key may not use '"
                    + requested + "'. It is allowed: " + scopes.describe() + ".", java.util.Map.of("x-should-retry", "false"));
        }
        if (allowed.size() < call.remainingCandidates().size()) {
            call.candidates(allowed);
        }
    }
}
