package app.router4ai.provider;

/**
 * How to reach one provider (or one deployment's own endpoint of it). The API key never leaves the upstream
 * request.
 *
 * @param keyVariable what holds the key (an environment variable, or {@code file:/path}): named in messages, never the key
 * @param apiVersion  Azure OpenAI's {@code api-version} query parameter; null for every other wire
 * @param keyless     a server that takes no key (a local vLLM or Ollama): usable without one
 * @param enabled     false when the routing file turns it off ({@code enabled: false})
 */
public record ProviderSettings(String name, Wire wire, String baseUrl, String apiKey, String keyVariable,
                               String apiVersion, boolean keyless, boolean enabled) {

    public ProviderSettings(String name, Wire wire, String baseUrl, String apiKey, String keyVariable) {
        this(name, wire, baseUrl, apiKey, keyVariable, null, false, true);
    }

    public boolean configured() {
        return enabled && (keyless || apiKey != null && !apiKey.isBlank());
    }

    /** Why it cannot be used (for the health endpoint, the log and a 503), or null when it can. */
    public String whyDisabled() {
        return configured() ? null : enabled ? keyVariable + " is not set" : "enabled: false in the routing file";
    }

    /** The same provider reached at another URL or with another key (a deployment's own endpoint). */
    public ProviderSettings withEndpoint(String baseUrl, String apiKey, String keyVariable, String apiVersion) {
        return new ProviderSettings(name, wire, baseUrl, apiKey, keyVariable, apiVersion, keyless, enabled);
    }

    @Override
    public String toString() {
        return "ProviderSettings[" + name + ", " + wire + ", " + baseUrl + ", key " + (configured() ? "set" : "unset") + "]";
    }
}
