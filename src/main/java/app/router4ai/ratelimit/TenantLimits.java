package app.router4ai.ratelimit;

/**
 * A tenant's effective request limit. GCRA terms: one request "costs" {@code intervalNanos}; a quiet
 * tenant may send {@code burst} at once, i.e. be up to {@code windowNanos} ahead of its rate.
 * Precomputed so the hot path does no division.
 */
public record TenantLimits(int rps, int burst, long intervalNanos, long windowNanos) {

    public static TenantLimits of(int rps, int burst) {
        long interval = 1_000_000_000L / rps;
        return new TenantLimits(rps, burst, interval, interval * burst);
    }

    /** Redis works in microseconds (its TIME); sub-microsecond intervals are out of the admin API's range anyway. */
    public long intervalMicros() {
        return intervalNanos / 1_000;
    }
}
