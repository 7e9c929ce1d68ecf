package app.router4ai.routing.failover;

import app.router4ai.call.ApiCall;
import app.router4ai.provider.ProviderFailure;
import app.router4ai.provider.ProviderHealth;
import app.router4ai.routing.Deployment;
import app.router4ai.routing.ModelCatalog;
import app.router4ai.routing.ProviderResilience;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * The failover loop's policy, step by step: when a request's deadline starts, whether a failed attempt is retried
 * on the same deployment (and after how long), which candidates a prompt too long for one model may still go to,
 * and the timeouts of the next attempt. Every wait counts against the request's one deadline.
 */
@Component
public class AttemptPlanner {

    /** A request header that shortens the deadline (never lengthens it). */
    public static final String TIMEOUT_HEADER = "x-ram-timeout-ms";

    private final ModelCatalog catalog;
    private final ProviderHealth health;

    public AttemptPlanner(ModelCatalog catalog, ProviderHealth health) {
        this.catalog = catalog;
        this.health = health;
    }

    /** What per-target state is keyed by: the deployment (its breaker, cooldown and attempt times are its own). */
    public static String target(Deployment deployment) {
        return deployment.key();
    }

    public FailoverPolicy policy(Deployment deployment) {
        return catalog.current().failover().policy(deployment.providerName(), deployment.model().id());
    }

    /** Starts the request's deadline at its first attempt: the first candidate's, shortened by the client's header. */
    public void start(ApiCall call, Deployment first, String timeoutHeader) {
        FailoverState state = call.failover();
        if (state.started()) {
            return;
        }
        long deadline = policy(first).deadline().toMillis();
        if (timeoutHeader != null) {
            try {
                long asked = Long.parseLong(timeoutHeader.trim());
                if (asked > 0) {
                    deadline = Math.min(deadline, asked);
                }
            } catch (NumberFormatException ignored) {
                // not a number: the configured deadline stands
            }
        }
        state.start(deadline);
    }

    /** Whether this candidate may answer a prompt that proved too long for an earlier one (a larger context window). */
    public boolean fits(ApiCall call, Deployment candidate) {
        if (call.failover().refusal() == null) {
            return true;
        }
        long window = catalog.current().failover().contextWindow(candidate.model().id());
        return window > 0 && window > call.failover().tooLongFor();
    }

    /**
     * Waits until this candidate's turn: a retry's backoff (or the provider's Retry-After), and never sooner than
     * the attempt gap after the last attempt at the same target. False when the deadline passed.
     */
    public boolean awaitTurn(ApiCall call, Deployment next) throws InterruptedException {
        FailoverState state = call.failover();
        long retryAt = state.takeNotBefore();
        long last = state.lastAttemptNanos(target(next));
        long at = Math.max(retryAt, last == Long.MIN_VALUE ? 0 : last + policy(next).attemptGap().toNanos());
        long waitMs = Math.max((at - System.nanoTime() + 999_999) / 1_000_000, 0);
        if (retryAt != 0) {
            // A retry after a 429 waits out the cooldown its Retry-After set (to the millisecond), not skips it.
            waitMs = Math.max(waitMs, health.coolDownMillisLeft(next.key()));
        }
        if (waitMs > 0) {
            if (waitMs >= state.millisLeft()) {
                return false;
            }
            Thread.sleep(waitMs);
        }
        return state.millisLeft() > 0;
    }

    /** Marks the start of an attempt at this target (for the attempt gap). */
    public void attempting(ApiCall call, Deployment deployment) {
        call.failover().attempted(target(deployment));
    }

    /**
     * The connect and response timeouts of the next attempt, in milliseconds, within the time left. A stream waits
     * {@code first_byte_timeout_ms} for its headers; a whole answer comes with its headers, so it waits the
     * provider's {@code read_timeout_ms}.
     */
    public long[] timeouts(ApiCall call, Deployment deployment) {
        ProviderResilience resilience = catalog.current().resilience(deployment.key());
        FailoverPolicy policy = policy(deployment);
        long left = Math.max(1, call.failover().millisLeft());
        long response = call.stream() ? policy.firstByteTimeout().toMillis() : resilience.readTimeout().toMillis();
        return new long[] {Math.min(resilience.connectTimeout().toMillis(), left), Math.min(response, left)};
    }

    /**
     * After a failed attempt: true when the same deployment is tried again (it was put back at the head of the
     * candidates, to wait its backoff or the provider's Retry-After); false to fail over. A 429 asking for longer
     * than {@code retry_after_wait_max_ms} cools the target down for exactly that long instead.
     */
    public boolean retry(ApiCall call, ProviderFailure failure) {
        Deployment deployment = call.deployment();
        FailoverState state = call.failover();
        if (failure.refusal() != null) {
            state.tooLong(catalog.current().failover().contextWindow(deployment.model().id()), failure.refusal());
            return false;
        }
        FailoverPolicy policy = policy(deployment);
        String target = target(deployment);
        int done = state.retries(target);
        if (!failure.retryable() || done >= policy.retries()) {
            return false;
        }
        long waitMs;
        if (failure.retryAfterMillis() > 0) {
            if (failure.retryAfterMillis() > policy.retryAfterWaitMax().toMillis()) {
                return false;
            }
            waitMs = failure.retryAfterMillis();
        } else {
            long base = Math.min(policy.backoff().toMillis() << Math.min(done, 20), policy.backoffMax().toMillis());
            waitMs = base + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        }
        waitMs = Math.max(waitMs, policy.attemptGap().toMillis());
        if (waitMs + 1 >= state.millisLeft()) {
            return false;
        }
        state.retried(target, System.nanoTime() + waitMs * 1_000_000);
        call.remainingCandidates().addFirst(deployment);
        return true;
    }

    /** Milliseconds until a skipped candidate may be tried again (breaker open or cooling down). */
    public long millisUntilAvailable(Deployment deployment) {
        return health.millisUntilAvailable(deployment.key());
    }
}
