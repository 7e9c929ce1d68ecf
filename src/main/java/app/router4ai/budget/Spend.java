package app.router4ai.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * What one key or workspace has spent in the current period of its budget, as this instance knows it: the
 * ledger's running total (as of the last reconciliation, plus rows committed here since) and the rows recorded
 * here that the ledger has not committed yet. Costs are counted in micro-cents (a ledger row's cost has ten
 * decimals of a cent; six keep sums exact enough and fit a long). Synchronized: uncontended on the request
 * path, where only {@link #used} is read.
 */
final class Spend {

    private Instant periodStart;
    private long ledgerTokens;
    private long ledgerMicroCents;
    private long pendingTokens;
    private long pendingMicroCents;
    private boolean alerted;

    Spend(Instant periodStart, long ledgerTokens, long ledgerMicroCents) {
        this.periodStart = periodStart;
        this.ledgerTokens = ledgerTokens;
        this.ledgerMicroCents = ledgerMicroCents;
    }

    synchronized Instant periodStart() {
        return periodStart;
    }

    /** Tokens and micro-cents used in the period that starts at {@code start}: 0 once a new period began. */
    synchronized long[] used(Instant start) {
        roll(start);
        return new long[] {ledgerTokens + pendingTokens, ledgerMicroCents + pendingMicroCents};
    }

    /** A row of the period starting at {@code start} was recorded here; false when it belongs to a past period. */
    synchronized boolean recorded(Instant start, long tokens, long microCents) {
        roll(start);
        if (!start.equals(periodStart)) {
            return false;
        }
        pendingTokens += tokens;
        pendingMicroCents += microCents;
        return true;
    }

    /**
     * A row is in the ledger now: it moves from pending to ledger. A row recorded before this instance tracked
     * the subject was never pending, hence the floor at 0 (a transient undercount of at most that row).
     */
    synchronized void committed(Instant start, long tokens, long microCents) {
        if (!start.equals(periodStart)) {
            return;
        }
        ledgerTokens += tokens;
        ledgerMicroCents += microCents;
        pendingTokens = Math.max(0, pendingTokens - tokens);
        pendingMicroCents = Math.max(0, pendingMicroCents - microCents);
    }

    /** The ledger's totals for the period starting at {@code start}, read while no commit ran. */
    synchronized void reconciled(Instant start, long tokens, long microCents) {
        roll(start);
        if (start.equals(periodStart)) {
            ledgerTokens = tokens;
            ledgerMicroCents = microCents;
        }
    }

    /** True the first time in this period that the alert threshold is crossed (one alert per period per instance). */
    synchronized boolean firstAlert() {
        if (alerted) {
            return false;
        }
        alerted = true;
        return true;
    }

    private void roll(Instant start) {
        if (start.isAfter(periodStart)) {
            periodStart = start;
            ledgerTokens = 0;
            ledgerMicroCents = 0;
            pendingTokens = 0;
            pendingMicroCents = 0;
            alerted = false;
        }
    }

    static long microCents(BigDecimal cents) {
        return cents == null ? 0 : cents.movePointRight(6).setScale(0, RoundingMode.CEILING).longValue();
    }

    static BigDecimal cents(long microCents) {
        return BigDecimal.valueOf(microCents, 6).stripTrailingZeros();
    }
}
