package app.router4ai.auth;

/** Who is calling: the tenant and the API key that authenticated the request. */
public record Caller(String tenantId, String keyId) {
}
