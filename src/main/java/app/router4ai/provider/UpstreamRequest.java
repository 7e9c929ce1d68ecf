package app.router4ai.provider;

import java.util.Map;

/** Exactly what goes to a provider: URL, the allow-listed headers, and the body. */
public record UpstreamRequest(String url, Map<String, String> headers, byte[] body) {
}
