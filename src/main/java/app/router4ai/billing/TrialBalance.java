package app.router4ai.billing;

import app.router4ai.api.ApiError;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every tenant's {@link Allowance}, in memory, so the quota check costs no database round trip: a tenant is
 * read once per instance, then kept current by (1) usage recorded here, counted the moment it is recorded,
 * and (2) a periodic reconciliation with the ledger's running totals ({@code usage_totals}) and tenant_billing,
 * which brings in other instances' usage and plan changes.
 *
 * <p>Reconciliation and the ledger's commits exclude each other (a read-write lock): a committed row then
 * moves from "pending" to "ledger" atomically as seen from here, and is never counted twice or missed.
 * Across N instances a tenant can overshoot its trial by what it consumes on the other instances within one
 * ledger flush interval plus one reconcile interval (defaults 200 ms + 5 s), plus one request per
 * concurrently admitted request.
 */
@Component
public class TrialBalance {

    private static final Logger log = LoggerFactory.getLogger(TrialBalance.class);

    private final Map<String, Allowance> tenants = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock ledgerLock = new ReentrantReadWriteLock();
    private final BillingAccountStore accounts;
    private final JdbcTemplate jdbc;

    public TrialBalance(BillingAccountStore accounts, JdbcTemplate jdbc) {
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    /** The tenant's allowance: from memory, or read once from the database (creating its trial account). */
    public Allowance of(String tenantId) {
        Allowance known = tenants.get(tenantId);
        return known != null ? known : tenants.computeIfAbsent(tenantId, this::load);
    }

    private Allowance load(String tenantId) {
        BillingAccount account = accounts.findOrCreate(tenantId)
                .orElseThrow(() -> ApiError.notFound("tenant_not_found", "No tenant with id '" + tenantId + "'."));
        ledgerLock.writeLock().lock();
        try {
            return new Allowance(account, account.onTrial() ? ledgerSums(List.of(tenantId)).getOrDefault(tenantId, 0L) : 0);
        } finally {
            ledgerLock.writeLock().unlock();
        }
    }

    /** A usage row was accepted by the ledger (not yet committed): it counts from now on. */
    public void recorded(UsageRow row) {
        of(row.tenantId()).recorded(tokens(row));
    }

    /** Runs the ledger's transaction; once it has committed, its rows count as ledger tokens, no longer pending. */
    void commit(Runnable transaction, Collection<UsageRow> rows) {
        ledgerLock.readLock().lock();
        try {
            transaction.run();
            for (UsageRow row : rows) {
                Allowance allowance = tenants.get(row.tenantId());
                if (allowance != null) {
                    allowance.committed(tokens(row));
                }
            }
        } finally {
            ledgerLock.readLock().unlock();
        }
    }

    /** Re-reads one tenant now (after a webhook changed its plan, say). */
    public void refresh(String tenantId) {
        if (tenants.containsKey(tenantId)) {
            reconcile(List.of(tenantId));
        }
    }

    @Scheduled(fixedDelayString = "${router.billing.reconcile-interval:5s}")
    public void reconcileAll() {
        try {
            reconcile(List.copyOf(tenants.keySet()));
        } catch (RuntimeException e) {
            log.warn("Reconciling balances with the ledger failed (retried next interval): {}", e.getMessage());
        }
    }

    // synchronized: the scheduled pass and a refresh must not interleave, or the pass that read the accounts
    // first could apply them last, over a plan change the refresh had just read (the page then showed it stale)
    private synchronized void reconcile(List<String> tenantIds) {
        if (tenantIds.isEmpty()) {
            return;
        }
        Map<String, BillingAccount> current = accounts.findAll(tenantIds);
        current.forEach((id, account) -> tenants.get(id).account(account));
        List<String> onTrial = current.values().stream().filter(BillingAccount::onTrial).map(BillingAccount::tenantId).toList();
        if (onTrial.isEmpty()) {
            return;
        }
        ledgerLock.writeLock().lock();
        try {
            Map<String, Long> sums = ledgerSums(onTrial);
            onTrial.forEach(id -> tenants.get(id).ledgerTokens(sums.getOrDefault(id, 0L)));
        } finally {
            ledgerLock.writeLock().unlock();
        }
    }

    /** The tenants' all-time ledger tokens: one row each, kept by the ledger in its own transactions. */
    private Map<String, Long> ledgerSums(List<String> tenantIds) {
        Map<String, Long> sums = new java.util.HashMap<>();
        for (int from = 0; from < tenantIds.size(); from += 500) {
            List<String> chunk = tenantIds.subList(from, Math.min(tenantIds.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT tenant_id, tokens FROM usage_totals WHERE tenant_id IN (" + marks + ")",
                    rs -> {
                        sums.put(rs.getString("tenant_id"), rs.getLong("tokens"));
                    }, chunk.toArray());
        }
        return sums;
    }

    /** A row's tokens as a balance counts them: never below zero (usage never gives tokens back), never wrapping round. */
    static long tokens(UsageRow row) {
        long prompt = Math.max(0, row.promptTokens());
        long completion = Math.max(0, row.completionTokens());
        return prompt > Long.MAX_VALUE - completion ? Long.MAX_VALUE : prompt + completion;
    }
}
