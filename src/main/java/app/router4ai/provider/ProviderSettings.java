package app.router4ai.provider;

import java.time.Duration;

/** How to reach one provider. The API key never leaves the upstream request. */
public record ProviderSettings(String name, Wire wire, String baseUrl, String apiKey, String keyVariable,
                               Duration connectTimeout, Duration responseTimeout) {

    public boolean configured() {
        return apiKey != null && !apiKey.isBlank();
    }

    @Override
    public String toString() {
        return "ProviderSettings[" + name + ", " + wire + ", " + baseUrl + ", key " + (configured() ? "set" : "unset") + "]";
    }
}
