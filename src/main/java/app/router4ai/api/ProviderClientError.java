package app.router4ai.api;

/**
 * The provider rejected the request itself (bad parameter, context too long, ...): the client gets
 * the provider's status and body unchanged, and no other provider would answer differently.
 */
public class ProviderClientError extends RuntimeException {

    private final String provider;
    private final int status;
    private final byte[] body;

    public ProviderClientError(String provider, int status, byte[] body) {
        super(provider + " answered HTTP " + status, null, false, false);
        this.provider = provider;
        this.status = status;
        this.body = body;
    }

    public String provider() {
        return provider;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }
}
