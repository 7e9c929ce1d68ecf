package app.router4ai.dashboard;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The dashboard_users table. */
@Repository
class DashboardUserStore {

    private final JdbcTemplate jdbc;

    DashboardUserStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DashboardUser user) {
        jdbc.update("INSERT INTO dashboard_users (id, tenant_id, email, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                user.id(), user.tenantId(), user.email(), user.passwordHash(), Timestamp.from(user.createdAt()));
    }

    Optional<DashboardUser> findByEmail(String email) {
        return jdbc.query("SELECT id, tenant_id, email, password_hash, created_at FROM dashboard_users WHERE email = ?",
                (rs, n) -> new DashboardUser(rs.getString("id"), rs.getString("tenant_id"), rs.getString("email"),
                        rs.getString("password_hash"), rs.getTimestamp("created_at").toInstant()), email).stream().findFirst();
    }

    boolean emailTaken(String email) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM dashboard_users WHERE email = ?", Integer.class, email);
        return n != null && n > 0;
    }

    void signedIn(String userId, Instant at) {
        jdbc.update("UPDATE dashboard_users SET last_sign_in_at = ? WHERE id = ?", Timestamp.from(at), userId);
    }
}
