package app.router4ai.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code router.providers.*}: every provider the router can call, by name. */
@ConfigurationProperties("router")
public class Providers {

    private final Map<String, ProviderSettings> byName = new LinkedHashMap<>();

    public Providers(Map<String, Entry> providers) {
        if (providers != null) {
            providers.forEach((name, e) -> byName.put(name, new ProviderSettings(name, e.wire(), trimSlash(e.baseUrl()),
                    e.apiKey(), e.keyVariable())));
        }
    }

    public ProviderSettings get(String name) {
        return byName.get(name);
    }

    public Map<String, ProviderSettings> all() {
        return byName;
    }

    private static String trimSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Where a provider is and how to authenticate; timeouts and breakers are in the routing file. */
    public record Entry(Wire wire, String baseUrl, String apiKey, String keyVariable) {
    }
}
