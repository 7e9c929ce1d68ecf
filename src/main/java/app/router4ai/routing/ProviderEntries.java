package app.router4ai.routing;

import app.router4ai.provider.ProviderSettings;
import app.router4ai.provider.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code providers:} section of the routing file. An entry with a {@code wire} defines a provider (or
 * redefines a built-in one of {@code router.providers}); every entry may set timeouts and a breaker. Keys are
 * named, never written: {@code api_key_env} (an environment variable) or {@code api_key_file} (a mounted secret).
 */
final class ProviderEntries {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private ProviderEntries() {
    }

    /** The providers the router can call: the built-in ones, then those the file adds or redefines. */
    static Map<String, ProviderSettings> parse(JsonNode section, Map<String, ProviderSettings> builtIn,
                                               Function<String, String> environment) {
        Map<String, ProviderSettings> providers = new LinkedHashMap<>(builtIn);
        section.fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode entry = e.getValue();
            String at = "/providers/" + name;
            if (name.equals("default")) {
                return;
            }
            if (!entry.has("wire") && !entry.has("base_url")) {
                if (!builtIn.containsKey(name)) {
                    throw new RoutingFileError(at, "provider " + name + " is not one of the built-in providers "
                            + builtIn.keySet() + ": give it a 'wire' (" + Wire.ids() + ") and a 'base_url'");
                }
                return;   // timeouts and breaker of a built-in provider
            }
            if (!NAME.matcher(name).matches()) {
                throw new RoutingFileError(at, "provider name '" + name + "' must be lower-case letters, digits and '-'");
            }
            if (entry.has("api_key")) {
                throw new RoutingFileError(at + "/api_key", "provider " + name + " has its key written in the file: name the "
                        + "environment variable that holds it (api_key_env) or a file (api_key_file) instead");
            }
            ProviderSettings base = builtIn.get(name);
            String wireName = entry.path("wire").asText(base != null ? base.wire().id() : "");
            Wire wire = Wire.parse(wireName);
            if (wire == null) {
                throw new RoutingFileError(at + "/wire", "provider " + name + " has wire '" + wireName + "', expected one of "
                        + Wire.ids());
            }
            String baseUrl = entry.path("base_url").asText(base != null ? base.baseUrl() : "");
            if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
                throw new RoutingFileError(at + "/base_url", "provider " + name + " needs a 'base_url' (http:// or https://)");
            }
            boolean enabled = entry.path("enabled").asBoolean(true);
            Key key = key(entry, at, base, environment);
            boolean keyless = entry.path("keyless").asBoolean(false);
            if (enabled && key == null && !keyless) {
                throw new RoutingFileError(at, "provider " + name + " names no key: set 'api_key_env' (the environment "
                        + "variable holding it), 'api_key_file', or 'keyless: true' for a server that takes none");
            }
            String apiVersion = entry.path("api_version").asText(null);
            if (wire == Wire.AZURE_OPENAI && apiVersion == null && !baseUrl.contains("/openai/v1")) {
                throw new RoutingFileError(at, "azure-openai provider " + name + " needs 'api_version' (e.g. 2024-10-21), "
                        + "or a base_url ending in /openai/v1");
            }
            providers.put(name, new ProviderSettings(name, wire, trimSlash(baseUrl), key != null ? key.value() : null,
                    key != null ? key.variable() : "no key", apiVersion, keyless, enabled));
        });
        return providers;
    }

    /** A deployment's own endpoint of its provider: base URL and key only where it sets them. */
    static ProviderSettings endpoint(ProviderSettings provider, JsonNode deployment, String at, Function<String, String> environment) {
        if (deployment.has("api_key")) {
            throw new RoutingFileError(at + "/api_key", "a deployment has its key written in the file: use api_key_env or api_key_file");
        }
        if (!deployment.has("base_url") && !deployment.has("api_key_env") && !deployment.has("api_key_file")
                && !deployment.has("api_version")) {
            return provider;
        }
        Key key = key(deployment, at, null, environment);
        return provider.withEndpoint(trimSlash(deployment.path("base_url").asText(provider.baseUrl())),
                key != null ? key.value() : provider.apiKey(), key != null ? key.variable() : provider.keyVariable(),
                deployment.path("api_version").asText(provider.apiVersion()));
    }

    private record Key(String variable, String value) {
    }

    private static Key key(JsonNode entry, String at, ProviderSettings base, Function<String, String> environment) {
        if (entry.hasNonNull("api_key_env")) {
            String variable = entry.get("api_key_env").asText();
            return new Key(variable, environment.apply(variable));
        }
        if (entry.hasNonNull("api_key_file")) {
            String file = entry.get("api_key_file").asText();
            try {
                return new Key("file:" + file, Files.readString(Path.of(file)).trim());
            } catch (IOException e) {
                return new Key("file:" + file, null);
            }
        }
        return base != null ? new Key(base.keyVariable(), base.apiKey()) : null;
    }

    private static String trimSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
