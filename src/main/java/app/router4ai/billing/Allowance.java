package app.router4ai.billing;

import app.router4ai.api.ApiError;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tenant's standing as this instance knows it, in memory: its account, the tokens the ledger holds for it
 * (as of the last reconciliation), and the tokens recorded here that the ledger has not committed yet.
 */
public final class Allowance {

    private volatile BillingAccount account;
    private final AtomicLong ledgerTokens = new AtomicLong();
    private final AtomicLong pendingTokens = new AtomicLong();

    Allowance(BillingAccount account, long ledgerTokens) {
        this.account = account;
        this.ledgerTokens.set(ledgerTokens);
    }

    public BillingAccount account() {
        return account;
    }

    void account(BillingAccount account) {
        this.account = account;
    }

    /** Tokens used so far: committed ones plus those recorded on this instance and still on their way to the ledger. */
    public long usedTokens() {
        long ledger = ledgerTokens.get();
        long pending = pendingTokens.get();
        return pending > 0 && ledger > Long.MAX_VALUE - pending ? Long.MAX_VALUE : ledger + pending;   // saturating
    }

    public long trialTokensLeft() {
        return Math.max(0, account.trialTokens() - usedTokens());
    }

    void ledgerTokens(long tokens) {
        ledgerTokens.set(tokens);
    }

    void recorded(long tokens) {
        pendingTokens.addAndGet(Math.max(0, tokens));   // usage never gives tokens back
    }

    /** Now in the ledger: moved from pending to ledger tokens (the next reconciliation reads them from there). */
    void committed(long tokens) {
        ledgerTokens.addAndGet(tokens);
        pendingTokens.addAndGet(-tokens);
    }

    /**
     * Why this tenant may not make a call now, or null. The check is against usage already recorded, so each
     * request admitted while tokens were left can overshoot by its own tokens, and no more.
     */
    public ApiError refusal(Instant now) {
        BillingAccount current = account;
        if (current.onTrial()) {
            if (!now.isBefore(current.trialEndsAt())) {
                return BillingErrors.trialEnded(current.trialEndsAt());
            }
            if (usedTokens() >= current.trialTokens()) {
                return BillingErrors.trialTokensUsed(current.trialTokens());
            }
            return null;
        }
        return current.subscriptionGrantsAccess(now) ? null : BillingErrors.subscriptionInactive(current);
    }
}
