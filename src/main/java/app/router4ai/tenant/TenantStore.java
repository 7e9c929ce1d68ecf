package app.router4ai.tenant;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The tenants table. */
@Repository
public class TenantStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    public TenantStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Tenant create(String name, String email) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        Tenant tenant = new Tenant("ten_" + HexFormat.of().formatHex(id), name, email, "trial",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        jdbc.update("INSERT INTO tenants (id, name, email, plan, created_at) VALUES (?, ?, ?, ?, ?)",
                tenant.id(), tenant.name(), tenant.email(), tenant.plan(), Timestamp.from(tenant.createdAt()));
        return tenant;
    }

    public Optional<Tenant> find(String id) {
        return jdbc.query("SELECT id, name, email, plan, created_at FROM tenants WHERE id = ?",
                (rs, n) -> new Tenant(rs.getString("id"), rs.getString("name"), rs.getString("email"),
                        rs.getString("plan"), rs.getTimestamp("created_at").toInstant()), id).stream().findFirst();
    }
}
