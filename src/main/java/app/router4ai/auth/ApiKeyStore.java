package app.router4ai.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The api_keys table. */
@Repository
public class ApiKeyStore {

    private static final String COLUMNS = "id, tenant_id, name, prefix, key_hash, created_at, last_used_at, revoked_at";

    private final JdbcTemplate jdbc;

    public ApiKeyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(StoredKey key) {
        jdbc.update("INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)",
                key.id(), key.tenantId(), key.name(), key.prefix(), key.hash(), Timestamp.from(key.createdAt()));
    }

    public Optional<StoredKey> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", ApiKeyStore::row, id).stream().findFirst();
    }

    public List<StoredKey> forTenant(String tenantId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id",
                ApiKeyStore::row, tenantId);
    }

    /** Marks a key revoked; false when it was already revoked or does not exist. */
    public boolean revoke(String id, Instant at) {
        return jdbc.update("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", Timestamp.from(at), id) == 1;
    }

    public List<String> revokedSince(Instant since) {
        return jdbc.queryForList("SELECT id FROM api_keys WHERE revoked_at >= ?", String.class, Timestamp.from(since));
    }

    public void touch(Map<String, Instant> lastUsed) {
        jdbc.batchUpdate("UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                lastUsed.entrySet().stream().map(e -> new Object[] {
                        Timestamp.from(e.getValue()), e.getKey(), Timestamp.from(e.getValue())}).toList());
    }

    private static StoredKey row(ResultSet rs, int n) throws SQLException {
        return new StoredKey(rs.getString("id"), rs.getString("tenant_id"), rs.getString("name"), rs.getString("prefix"),
                rs.getString("key_hash"), instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
