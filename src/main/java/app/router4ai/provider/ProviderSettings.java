package app.router4ai.provider;

/** How to reach one provider. The API key never leaves the upstream request. */
public record ProviderSettings(String name, Wire wire, String baseUrl, String apiKey, String keyVariable) {

    public boolean configured() {
        return apiKey != null && !apiKey.isBlank();
    }

    @Override
    public String toString() {
        return "ProviderSettings[" + name + ", " + wire + ", " + baseUrl + ", key " + (configured() ? "set" : "unset") + "]";
    }
}
