package app.router4ai.budget;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The budgets table. */
@Repository
public class BudgetStore {

    private static final String COLUMNS = "subject, tenant_id, limit_cents, limit_tokens, period, alert_percent";

    private final JdbcTemplate jdbc;

    public BudgetStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Budget> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM budgets", BudgetStore::row);
    }

    public void save(Budget budget, Instant at) {
        Object[] values = {budget.limitCents(), budget.limitTokens(), budget.period().id(), budget.alertPercent(),
                Timestamp.from(at), budget.subject()};
        if (jdbc.update("UPDATE budgets SET limit_cents = ?, limit_tokens = ?, period = ?, alert_percent = ?, updated_at = ?"
                + " WHERE subject = ?", values) == 0) {
            jdbc.update("INSERT INTO budgets (limit_cents, limit_tokens, period, alert_percent, updated_at, subject, tenant_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", budget.limitCents(), budget.limitTokens(), budget.period().id(),
                    budget.alertPercent(), Timestamp.from(at), budget.subject(), budget.tenantId());
        }
    }

    /** False when there was none. */
    public boolean delete(String subject) {
        return jdbc.update("DELETE FROM budgets WHERE subject = ?", subject) == 1;
    }

    private static Budget row(ResultSet rs, int n) throws SQLException {
        return new Budget(rs.getString("subject"), rs.getString("tenant_id"), rs.getBigDecimal("limit_cents"),
                rs.getObject("limit_tokens", Long.class), BudgetPeriod.of(rs.getString("period")), rs.getInt("alert_percent"));
    }
}
