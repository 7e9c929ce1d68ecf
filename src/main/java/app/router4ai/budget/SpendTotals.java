package app.router4ai.budget;

import app.router4ai.billing.UsageRow;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The spend_totals table: every key's and every workspace's tokens and cost per day, week, month and lifetime,
 * added to by the usage ledger inside its own transactions (whether or not a budget exists yet, so a budget
 * set mid-period counts what was already spent).
 */
@Repository
public class SpendTotals {

    private static final String ADD = "UPDATE spend_totals SET tokens = tokens + ?, cost_cents = cost_cents + ?"
            + " WHERE subject = ? AND period = ? AND period_start = ?";
    private static final String NEW = "INSERT INTO spend_totals (tokens, cost_cents, subject, period, period_start)"
            + " VALUES (?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    public SpendTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What one key of one workspace spent on one UTC day, within a batch. */
    private record DaySum(String keyId, String tenantId, LocalDate day) {
    }

    /** One total of one subject's period: its key in {@link #add}'s ordered map. */
    record Slot(String subject, BudgetPeriod period, Instant start) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot other) {
            int bySubject = subject.compareTo(other.subject);
            int byPeriod = bySubject != 0 ? bySubject : period.compareTo(other.period);
            return byPeriod != 0 ? byPeriod : start.compareTo(other.start);
        }
    }

    /** Adds the rows to their key's and workspace's totals; call inside the ledger's transaction. */
    public void add(List<UsageRow> rows) {
        // Rows first summed per key, workspace and UTC day (a batch is mostly one key's rows of one day), then each
        // sum spread over its eight slots: two subjects, four periods, whose starts depend on the day only.
        Map<DaySum, long[]> dayTokens = new HashMap<>();
        Map<DaySum, BigDecimal> dayCents = new HashMap<>();
        for (UsageRow row : rows) {
            DaySum sum = new DaySum(row.keyId(), row.tenantId(), LocalDate.ofInstant(row.createdAt(), ZoneOffset.UTC));
            dayTokens.computeIfAbsent(sum, s -> new long[1])[0] += row.promptTokens() + row.completionTokens();
            dayCents.merge(sum, row.costCents(), BigDecimal::add);
        }
        Map<Slot, long[]> tokens = new TreeMap<>(); // one order on every instance: no deadlock between two batches
        Map<Slot, BigDecimal> cents = new TreeMap<>();
        dayTokens.forEach((sum, count) -> {
            Instant at = sum.day().atStartOfDay(ZoneOffset.UTC).toInstant();
            for (String subject : List.of(Budget.keySubject(sum.keyId()), Budget.tenantSubject(sum.tenantId()))) {
                for (BudgetPeriod period : BudgetPeriod.values()) {
                    Slot slot = new Slot(subject, period, period.start(at));
                    tokens.computeIfAbsent(slot, s -> new long[1])[0] += count[0];
                    cents.merge(slot, dayCents.get(sum), BigDecimal::add);
                }
            }
        });
        List<Slot> slots = List.copyOf(tokens.keySet());
        List<Object[]> args = slots.stream().map(s -> new Object[] {tokens.get(s)[0], cents.get(s), s.subject(),
                s.period().id(), Timestamp.from(s.start())}).toList();
        if (args.isEmpty()) {
            return;
        }
        int[] updated = jdbc.batchUpdate(ADD, args);
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                jdbc.update(NEW, args.get(i));
            }
        }
    }

    /**
     * The totals of these slots: {tokens, micro-cents} each; a slot with no row is absent (nothing spent). One query
     * per 500 subjects: the slots' starts are few (the epoch, this day, week and month), so subject and start
     * narrow it to a small superset, filtered here.
     */
    Map<Slot, long[]> read(List<Slot> slots) {
        Map<Slot, long[]> found = new java.util.HashMap<>();
        java.util.Set<Slot> wanted = new java.util.HashSet<>(slots);
        List<String> subjects = slots.stream().map(Slot::subject).distinct().toList();
        List<Timestamp> starts = slots.stream().map(Slot::start).distinct().map(Timestamp::from).toList();
        for (int from = 0; from < subjects.size(); from += 500) {
            List<String> chunk = subjects.subList(from, Math.min(subjects.size(), from + 500));
            List<Object> args = new java.util.ArrayList<>(chunk);
            args.addAll(starts);
            jdbc.query("SELECT subject, period, period_start, tokens, cost_cents FROM spend_totals WHERE subject IN ("
                    + marks(chunk.size()) + ") AND period_start IN (" + marks(starts.size()) + ")", rs -> {
                        BudgetPeriod period = BudgetPeriod.of(rs.getString("period"));
                        Slot slot = new Slot(rs.getString("subject"), period, rs.getTimestamp("period_start").toInstant());
                        if (period != null && wanted.contains(slot)) {
                            found.put(slot, new long[] {rs.getLong("tokens"), Spend.microCents(rs.getBigDecimal("cost_cents"))});
                        }
                    }, args.toArray());
        }
        return found;
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }
}
