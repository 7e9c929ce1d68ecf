package app.router4ai.api;

/** Names of the HTTP headers the router reads or writes. */
public final class Headers {

    public static final String REQUEST_ID = "x-request-id";
    public static final String AUTHORIZATION = "Authorization";
    public static final String RETRY_AFTER = "Retry-After";

    private Headers() {
    }
}
