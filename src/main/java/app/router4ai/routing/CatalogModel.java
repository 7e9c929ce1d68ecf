package app.router4ai.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * One model a client may ask for, as the operator lists it in the model catalog.
 *
 * @param cacheWriteUsdPerMillion price of prompt tokens written to the provider's prompt cache (Anthropic's
 *                                cache_creation_input_tokens); null: charged as input
 * @param maxOutputTokens         the most output tokens the model produces in one answer; 0 when unknown. A
 *                                translated request asking for more (Claude Code asks 32,000) is lowered to it
 * @param kind                    what it does (chat unless the catalog says otherwise); decides which endpoint serves it
 * @param dimensions              an embedding model's vector length; null for every other kind
 * @param reasoning               how it takes a reasoning effort ({@link ReasoningMap#NONE}: it does not reason)
 */
public record CatalogModel(
        String id,
        String tier,
        String provider,
        @JsonProperty("provider_model") String providerModel,
        @JsonProperty("input_usd_per_million") BigDecimal inputUsdPerMillion,
        @JsonProperty("output_usd_per_million") BigDecimal outputUsdPerMillion,
        @JsonProperty("cached_input_usd_per_million") BigDecimal cachedInputUsdPerMillion,
        long created,
        @JsonProperty("cache_write_usd_per_million") BigDecimal cacheWriteUsdPerMillion,
        @JsonProperty("max_output_tokens") long maxOutputTokens,
        ModelKind kind,
        Integer dimensions,
        ReasoningMap reasoning) {

    /** A chat model without a cache-write price or an output limit. */
    public CatalogModel(String id, String tier, String provider, String providerModel, BigDecimal inputUsdPerMillion,
                        BigDecimal outputUsdPerMillion, BigDecimal cachedInputUsdPerMillion, long created) {
        this(id, tier, provider, providerModel, inputUsdPerMillion, outputUsdPerMillion, cachedInputUsdPerMillion, created,
                null, 0, ModelKind.CHAT, null, ReasoningMap.NONE);
    }

    /** This model as a deployment serves it: another provider, or another model id at the provider. */
    public CatalogModel servedBy(String provider, String providerModel) {
        return provider.equals(this.provider) && providerModel.equals(this.providerModel) ? this
                : new CatalogModel(id, tier, provider, providerModel, inputUsdPerMillion, outputUsdPerMillion,
                cachedInputUsdPerMillion, created, cacheWriteUsdPerMillion, maxOutputTokens, kind, dimensions, reasoning);
    }

    /**
     * Whether a failover may give this model's answer for {@code requested}: the same kind, and for embeddings
     * the same number of dimensions (vectors of another length would not fit the client's index).
     */
    public boolean canStandInFor(CatalogModel requested) {
        return kind == requested.kind() && (kind != ModelKind.EMBEDDING || java.util.Objects.equals(dimensions, requested.dimensions()));
    }
}
