package app.router4ai.requestlog;

/**
 * What the request log is narrowed to, as the dashboard's form sends it; blank means any.
 *
 * @param key        a key id
 * @param model      the model the client asked for
 * @param provider   the provider that answered (or was tried last)
 * @param status     {@code ok} (below 400), {@code error} (400 and above), or one status code
 * @param failedOver only requests with at least one failover
 * @param cache      {@code hit} or {@code miss}
 * @param page       0-based page of {@link RequestLogSearch#PAGE_SIZE} rows, newest first
 */
public record RequestLogFilter(String key, String model, String provider, String status, Boolean failedOver, String cache,
                               Integer page) {

    public RequestLogFilter {
        failedOver = Boolean.TRUE.equals(failedOver);
        page = page == null ? 0 : page;
        key = blankToNull(key);
        model = blankToNull(model);
        provider = blankToNull(provider);
        status = blankToNull(status);
        cache = blankToNull(cache);
        page = Math.max(0, page);
    }

    public static RequestLogFilter none() {
        return new RequestLogFilter(null, null, null, null, false, null, 0);
    }

    /** Whether anything narrows the log (an empty page then says "no match", not "no requests yet"). */
    public boolean narrowed() {
        return key != null || model != null || provider != null || status != null || failedOver || cache != null;
    }

    public RequestLogFilter page(int page) {
        return new RequestLogFilter(key, model, provider, status, failedOver, cache, page);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
