package app.router4ai.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The settings columns of api_keys; scopes and metadata are small JSON documents. */
@Repository
public class KeySettingsStore {

    private static final String COLUMNS = "id, tenant_id, expires_at, scopes, rate_limit_rps, tokens_per_minute, metadata";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public KeySettingsStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<KeySettings> find(String keyId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", this::row, keyId).stream().findFirst();
    }

    /** The settings of every key of the tenant, by key id. */
    public Map<String, KeySettings> forTenant(String tenantId) {
        Map<String, KeySettings> byKey = new java.util.HashMap<>();
        jdbc.query("SELECT " + COLUMNS + " FROM api_keys WHERE tenant_id = ?", this::row, tenantId)
                .forEach(s -> byKey.put(s.keyId(), s));
        return byKey;
    }

    /** The live keys with anything the request path enforces. */
    public List<KeySettings> enforced() {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_keys WHERE revoked_at IS NULL AND (expires_at IS NOT NULL"
                + " OR scopes IS NOT NULL OR rate_limit_rps IS NOT NULL OR tokens_per_minute IS NOT NULL)", this::row);
    }

    public void save(KeySettings s) {
        jdbc.update("UPDATE api_keys SET expires_at = ?, scopes = ?, rate_limit_rps = ?, tokens_per_minute = ?, metadata = ?"
                        + " WHERE id = ?", s.expiresAt() == null ? null : Timestamp.from(s.expiresAt()),
                s.scopes().restricts() ? write(s.scopes()) : null, s.rateLimitRps(), s.tokensPerMinute(),
                s.metadata().isEmpty() ? null : write(s.metadata()), s.keyId());
    }

    public void rename(String keyId, String name) {
        jdbc.update("UPDATE api_keys SET name = ? WHERE id = ?", name, keyId);
    }

    private KeySettings row(ResultSet rs, int n) throws SQLException {
        Timestamp expires = rs.getTimestamp("expires_at");
        String scopes = rs.getString("scopes");
        String metadata = rs.getString("metadata");
        return new KeySettings(rs.getString("id"), rs.getString("tenant_id"), expires == null ? null : expires.toInstant(),
                scopes == null ? KeyScopes.NONE : read(scopes, new TypeReference<KeyScopes>() { }),
                rs.getObject("rate_limit_rps", Integer.class), rs.getObject("tokens_per_minute", Long.class),
                metadata == null ? Map.of() : read(metadata, new TypeReference<Map<String, String>>() { }));
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("api_keys holds unreadable settings: " + text, e);
        }
    }
}
