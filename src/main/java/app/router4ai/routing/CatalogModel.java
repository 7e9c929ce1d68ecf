package app.router4ai.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** One model a client may ask for, as the operator lists it in the model catalog. */
public record CatalogModel(
        String id,
        String tier,
        String provider,
        @JsonProperty("provider_model") String providerModel,
        @JsonProperty("input_usd_per_million") BigDecimal inputUsdPerMillion,
        @JsonProperty("output_usd_per_million") BigDecimal outputUsdPerMillion,
        @JsonProperty("cached_input_usd_per_million") BigDecimal cachedInputUsdPerMillion,
        long created) {
}
