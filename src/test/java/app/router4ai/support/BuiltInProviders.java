package app.router4ai.support;

import app.router4ai.provider.ProviderSettings;
import app.router4ai.provider.Wire;
import app.router4ai.routing.ModelCatalog;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.Resource;

/** The four providers application.yaml builds in, as a catalog outside Spring sees them (keys as given). */
public final class BuiltInProviders {

    private BuiltInProviders() {
    }

    /** The built-in providers, each with {@code key} (blank: not configured). */
    public static Map<String, ProviderSettings> withKey(String key) {
        Map<String, ProviderSettings> providers = new LinkedHashMap<>();
        providers.put("openai", new ProviderSettings("openai", Wire.OPENAI, "http://127.0.0.1:18080/v1", key, "OPENAI_API_KEY"));
        providers.put("deepseek", new ProviderSettings("deepseek", Wire.OPENAI, "http://127.0.0.1:18080/v1", key, "DEEPSEEK_API_KEY"));
        providers.put("anthropic", new ProviderSettings("anthropic", Wire.ANTHROPIC, "http://127.0.0.1:18080", key, "ANTHROPIC_API_KEY"));
        providers.put("gemini", new ProviderSettings("gemini", Wire.GEMINI, "http://127.0.0.1:18080", key, "GEMINI_API_KEY"));
        return providers;
    }

    /** A catalog read from {@code file}, with the built-in providers (keyed) and no environment. */
    public static ModelCatalog catalog(Resource file) throws IOException {
        return new ModelCatalog(file, withKey("k"), name -> null);
    }
}
