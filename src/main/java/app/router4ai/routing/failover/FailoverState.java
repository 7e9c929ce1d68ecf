package app.router4ai.routing.failover;

import java.util.HashMap;
import java.util.Map;

/**
 * One request's failover bookkeeping, kept in its {@code ApiCall}: its deadline, the retries and last attempt
 * per target (for backoff and no hammering), when the next attempt may start, and the context window a prompt
 * proved too long for. Targets are keyed by {@link AttemptPlanner#target}.
 */
public final class FailoverState {

    private long deadlineNanos;
    private long deadlineMs;
    private final Map<String, Integer> retries = new HashMap<>(2);
    private final Map<String, Long> lastAttemptNanos = new HashMap<>(2);
    private long notBeforeNanos;
    private long tooLongFor;
    private app.router4ai.api.ProviderClientError refusal;

    /** The deadline, for an attempt run on a copy of the call (a hedge); its retries and waits stay here. */
    public FailoverState copy() {
        FailoverState copy = new FailoverState();
        copy.deadlineNanos = deadlineNanos;
        copy.deadlineMs = deadlineMs;
        return copy;
    }

    boolean started() {
        return deadlineNanos != 0;
    }

    void start(long deadlineMs) {
        this.deadlineMs = deadlineMs;
        this.deadlineNanos = System.nanoTime() + deadlineMs * 1_000_000;
    }

    /** The request's deadline in milliseconds from its first attempt. */
    public long deadlineMs() {
        return deadlineMs;
    }

    /** Milliseconds left before the deadline (negative once it passed). */
    public long millisLeft() {
        return (deadlineNanos - System.nanoTime()) / 1_000_000;
    }

    int retries(String target) {
        return retries.getOrDefault(target, 0);
    }

    void retried(String target, long notBeforeNanos) {
        retries.merge(target, 1, Integer::sum);
        this.notBeforeNanos = notBeforeNanos;
    }

    long lastAttemptNanos(String target) {
        return lastAttemptNanos.getOrDefault(target, Long.MIN_VALUE);
    }

    void attempted(String target) {
        lastAttemptNanos.put(target, System.nanoTime());
    }

    /** When the next attempt may start (a retry's backoff); 0 when at once. Taken by the attempt that waits for it. */
    long takeNotBefore() {
        long at = notBeforeNanos;
        notBeforeNanos = 0;
        return at;
    }

    /** The prompt did not fit a model with this window: only larger ones are tried; their refusal is the answer if none is left. */
    void tooLong(long contextWindow, app.router4ai.api.ProviderClientError refusal) {
        this.tooLongFor = Math.max(tooLongFor, contextWindow);
        if (this.refusal == null) {
            this.refusal = refusal;
        }
    }

    long tooLongFor() {
        return tooLongFor;
    }

    /** The first "prompt too long" refusal, for the client when no larger model was left; null otherwise. */
    public app.router4ai.api.ProviderClientError refusal() {
        return refusal;
    }
}
