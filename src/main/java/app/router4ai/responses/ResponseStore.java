package app.router4ai.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Stored responses, per tenant: every read and delete names the tenant, so another tenant's id is simply not
 * found. Written when a response finishes, before the client sees its end, so the next request can continue it
 * at once. A response past its retention is neither found nor listed, and is deleted by {@link #purge()}.
 */
@Component
public class ResponseStore {

    private static final Logger log = LoggerFactory.getLogger(ResponseStore.class);

    /** One stored response: the object as answered, its input items, the conversation up to and including it. */
    record Stored(ObjectNode response, ArrayNode inputItems, ArrayNode history) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ResponsesSettings settings;
    private final Clock clock;

    public ResponseStore(JdbcTemplate jdbc, ObjectMapper json, ResponsesSettings settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    /**
     * Keeps a finished response. A database failure is logged and the answer still goes out: the client then
     * finds the response missing later (404), which is better than losing an answer it paid for.
     */
    void save(String tenantId, ObjectNode response, ArrayNode inputItems, ArrayNode history) {
        Instant now = clock.instant();
        try {
            jdbc.update("INSERT INTO stored_responses (id, tenant_id, created_at, expires_at, response, input_items, history)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    response.get("id").asText(), tenantId, Timestamp.from(now), Timestamp.from(now.plus(settings.retention())),
                    json.writeValueAsString(response), json.writeValueAsString(inputItems), json.writeValueAsString(history));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            log.warn("Could not store response {} of tenant {}: {}", response.get("id").asText(), tenantId, e.getMessage());
        }
    }

    Optional<Stored> find(String tenantId, String id) {
        List<Stored> rows = jdbc.query("SELECT response, input_items, history FROM stored_responses"
                        + " WHERE id = ? AND tenant_id = ? AND expires_at > ?",
                (rs, n) -> new Stored(read(rs.getString(1), ObjectNode.class), read(rs.getString(2), ArrayNode.class),
                        read(rs.getString(3), ArrayNode.class)),
                id, tenantId, Timestamp.from(clock.instant()));
        return rows.stream().findFirst();
    }

    /** True when the tenant had this response. */
    boolean delete(String tenantId, String id) {
        return jdbc.update("DELETE FROM stored_responses WHERE id = ? AND tenant_id = ?", id, tenantId) > 0;
    }

    @Scheduled(fixedDelayString = "${router.responses.purge-interval:1h}", initialDelayString = "${router.responses.purge-interval:1h}")
    public void purge() {
        try {
            int deleted = jdbc.update("DELETE FROM stored_responses WHERE expires_at <= ?", Timestamp.from(clock.instant()));
            if (deleted > 0) {
                log.info("Deleted {} stored responses past their retention ({})", deleted, settings.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Purging expired stored responses failed (retried next interval): {}", e.getMessage());
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored response is not JSON", e);
        }
    }
}
