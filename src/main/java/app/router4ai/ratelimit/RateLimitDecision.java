package app.router4ai.ratelimit;

/**
 * What the limiter decided for one request, kept in the exchange property {@link #PROPERTY} so the
 * response writers can send the {@code x-ratelimit-*} headers ({@link RateLimitHeaders}).
 *
 * @param limit           the burst: requests permitted from a full allowance
 * @param remaining       requests still permitted right now
 * @param resetNanos      until the allowance is full again
 * @param retryAfterNanos until the next request would be permitted (0 when allowed)
 */
public record RateLimitDecision(boolean allowed, int limit, long remaining, long resetNanos, long retryAfterNanos) {

    public static final String PROPERTY = "rateLimitDecision";
}
