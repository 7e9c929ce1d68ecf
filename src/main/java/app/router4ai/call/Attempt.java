package app.router4ai.call;

/**
 * One candidate of a request that did not answer it, as {@code _ram.attempts} lists it.
 *
 * @param provider the candidate's provider
 * @param model    the catalog model it would have served
 * @param outcome  {@code failed} (called, and failed), {@code retried} (called, failed, and tried again on the
 *                 same deployment), {@code skipped_context} (a prompt too long for a smaller window), {@code skipped_unsupported} (its wire format cannot
 *                 express the request, not called), {@code skipped_unavailable} (breaker open or cooling down,
 *                 not called), {@code hedge_lost} (started beside another candidate, which answered first: cancelled)
 * @param ms       how long the attempt took (0 when skipped)
 * @param reason   why, in words
 */
public record Attempt(String provider, String model, String outcome, long ms, String reason) {

    public static final String FAILED = "failed";
    public static final String SKIPPED_UNSUPPORTED = "skipped_unsupported";
    public static final String SKIPPED_UNAVAILABLE = "skipped_unavailable";
    public static final String RETRIED = "retried";
    public static final String SKIPPED_CONTEXT = "skipped_context";
    public static final String HEDGE_LOST = "hedge_lost";

    /** Passed over without a call. */
    public boolean skipped() {
        return !FAILED.equals(outcome) && !RETRIED.equals(outcome) && !HEDGE_LOST.equals(outcome);
    }
}
