package app.router4ai.budget;

import app.router4ai.api.ApiError;
import app.router4ai.auth.Caller;
import app.router4ai.billing.UsageRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every budget and what its key or workspace has spent this period, in memory, so the check on the request path
 * costs two map lookups and no database round trip: the trial's mechanism ({@code billing.TrialBalance}) per
 * budget. Spend is counted the moment a row is recorded here, and reconciled every
 * {@code router.billing.reconcile-interval} with the ledger's running totals ({@code spend_totals}), which brings
 * in the other instances' spend; budgets set on another instance arrive with the same pass.
 *
 * <p>Overshoot bound (the trial's): a request admitted while budget was left may overshoot by its own cost, so N
 * concurrent requests by at most N requests; across instances a key can also overshoot by what it spends on the
 * other instances within one ledger flush interval plus one reconcile interval (200 ms + 5 s by default).
 */
@Component
public class SpendBook {

    private static final Logger log = LoggerFactory.getLogger(SpendBook.class);

    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
    private final Map<String, Spend> spends = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock ledgerLock = new ReentrantReadWriteLock();
    private final BudgetStore store;
    private final SpendTotals totals;
    private final BudgetAlerts alerts;
    private final Clock clock;

    public SpendBook(BudgetStore store, SpendTotals totals, BudgetAlerts alerts, Clock clock) {
        this.store = store;
        this.totals = totals;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Why this caller may not make a call now (its key's or its workspace's budget is spent), or null. */
    public ApiError refusal(Caller caller) {
        if (budgets.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        ApiError key = refusal(budgets.get(Budget.keySubject(caller.keyId())), now);
        return key != null ? key : refusal(budgets.get(Budget.tenantSubject(caller.tenantId())), now);
    }

    private ApiError refusal(Budget budget, Instant now) {
        if (budget == null) {
            return null;
        }
        long[] used = spend(budget).used(budget.period().start(now));
        return spent(budget, used) ? BudgetErrors.spent(budget, used, budget.period().resetsAt(now)) : null;
    }

    private static boolean spent(Budget budget, long[] used) {
        return (budget.limitTokens() != null && used[0] >= budget.limitTokens())
                || (budget.limitCents() != null && used[1] >= budget.limitMicroCents());
    }

    /** A usage row was accepted by the ledger (not yet committed): it counts against its budgets from now on. */
    public void recorded(UsageRow row) {
        if (budgets.isEmpty()) {
            return;
        }
        for (Budget budget : budgetsOf(row)) {
            Spend spend = spend(budget);
            if (spend.recorded(budget.period().start(row.createdAt()), tokens(row), Spend.microCents(row.costCents()))) {
                long[] used = spend.used(budget.period().start(row.createdAt()));
                if (pastAlert(budget, used) && spend.firstAlert()) {
                    alerts.alert(status(budget, used, row.createdAt()));
                }
            }
        }
    }

    /** Runs the ledger's transaction; once it has committed, its rows count as ledger spend, no longer pending. */
    public void commit(Runnable transaction, Collection<UsageRow> rows) {
        ledgerLock.readLock().lock();
        try {
            transaction.run();
            if (budgets.isEmpty()) {
                return;
            }
            for (UsageRow row : rows) {
                for (Budget budget : budgetsOf(row)) {
                    Spend spend = spends.get(slotKey(budget));
                    if (spend != null) {
                        spend.committed(budget.period().start(row.createdAt()), tokens(row), Spend.microCents(row.costCents()));
                    }
                }
            }
        } finally {
            ledgerLock.readLock().unlock();
        }
    }

    /** The budget of this subject, or null. */
    public Budget budget(String subject) {
        return budgets.get(subject);
    }

    /** Sets (or replaces) a budget: here at once, on other instances within one reconcile interval. */
    public void set(Budget budget) {
        store.save(budget, clock.instant());
        budgets.put(budget.subject(), budget);
    }

    /** Clears a subject's budget; false when it had none. */
    public boolean clear(String subject) {
        boolean had = store.delete(subject);
        budgets.remove(subject);
        return had;
    }

    /** The budget's standing now: limits, spend this period, when it resets. */
    public BudgetStatus status(Budget budget) {
        Instant now = clock.instant();
        return status(budget, spend(budget).used(budget.period().start(now)), now);
    }

    /** The standing of the budgets among these subjects that have one. */
    public List<BudgetStatus> statuses(Collection<String> subjects) {
        List<BudgetStatus> found = new ArrayList<>();
        for (String subject : subjects) {
            Budget budget = budgets.get(subject);
            if (budget != null) {
                found.add(status(budget));
            }
        }
        return found;
    }

    private BudgetStatus status(Budget budget, long[] used, Instant at) {
        return new BudgetStatus(budget, used[0], Spend.cents(used[1]), budget.period().resetsAt(at));
    }

    private static boolean pastAlert(Budget budget, long[] used) {
        return (budget.limitTokens() != null && used[0] * 100 >= budget.limitTokens() * budget.alertPercent())
                || (budget.limitCents() != null && used[1] >= budget.limitMicroCents() / 100 * budget.alertPercent());
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "${router.billing.reconcile-interval:5s}")
    public void reconcileAll() {
        try {
            reloadBudgets();
            reconcile();
        } catch (RuntimeException e) {
            log.warn("Reconciling budgets with the ledger failed (retried next interval): {}", e.getMessage());
        }
    }

    private synchronized void reloadBudgets() {
        Map<String, Budget> stored = new java.util.HashMap<>();
        store.all().forEach(b -> stored.put(b.subject(), b));
        budgets.keySet().retainAll(stored.keySet());
        budgets.putAll(stored);
        spends.keySet().removeIf(slot -> {
            Budget budget = budgets.get(slot.substring(0, slot.lastIndexOf('|')));
            return budget == null || !slot.equals(slotKey(budget));
        });
    }

    private synchronized void reconcile() {
        Instant now = clock.instant();
        List<SpendTotals.Slot> slots = new ArrayList<>();
        List<Spend> tracked = new ArrayList<>();
        for (Budget budget : budgets.values()) {
            Spend spend = spends.get(slotKey(budget));
            if (spend != null) {
                slots.add(new SpendTotals.Slot(budget.subject(), budget.period(), budget.period().start(now)));
                tracked.add(spend);
            }
        }
        if (slots.isEmpty()) {
            return;
        }
        ledgerLock.writeLock().lock();
        try {
            Map<SpendTotals.Slot, long[]> read = totals.read(slots);
            for (int i = 0; i < slots.size(); i++) {
                long[] total = read.getOrDefault(slots.get(i), new long[2]);
                tracked.get(i).reconciled(slots.get(i).start(), total[0], total[1]);
            }
        } finally {
            ledgerLock.writeLock().unlock();
        }
    }

    private Spend spend(Budget budget) {
        Spend known = spends.get(slotKey(budget));
        return known != null ? known : spends.computeIfAbsent(slotKey(budget), slot -> load(budget));
    }

    /** What the ledger holds for the budget's current period, read while no commit runs. */
    private Spend load(Budget budget) {
        Instant start = budget.period().start(clock.instant());
        SpendTotals.Slot slot = new SpendTotals.Slot(budget.subject(), budget.period(), start);
        ledgerLock.writeLock().lock();
        try {
            long[] total = totals.read(List.of(slot)).getOrDefault(slot, new long[2]);
            return new Spend(start, total[0], total[1]);
        } finally {
            ledgerLock.writeLock().unlock();
        }
    }

    private List<Budget> budgetsOf(UsageRow row) {
        Budget key = budgets.get(Budget.keySubject(row.keyId()));
        Budget tenant = budgets.get(Budget.tenantSubject(row.tenantId()));
        if (key == null) {
            return tenant == null ? List.of() : List.of(tenant);
        }
        return tenant == null ? List.of(key) : List.of(key, tenant);
    }

    private static String slotKey(Budget budget) {
        return budget.subject() + "|" + budget.period().id();
    }

    private static long tokens(UsageRow row) {
        return row.promptTokens() + row.completionTokens();
    }
}
