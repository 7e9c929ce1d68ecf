package app.router4ai.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a usage row goes when it can never be written to {@code usage_records}: the {@code usage_dead_letters}
 * table (the row as JSON, the reason, the time), or, when the database will not take even that, a JSON-lines
 * file under the data directory. Each one is an ERROR line (no stack trace) and a count in
 * {@code router_ledger_dead_letters_total{store}}: billing data is never dropped without a trace.
 */
@Component
public class UsageDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(UsageDeadLetters.class);
    private static final String INSERT = """
            INSERT INTO usage_dead_letters (request_id, tenant_id, row_json, error, created_at) VALUES (?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Path file;
    private final Counter toTable;
    private final Counter toFile;

    public UsageDeadLetters(JdbcTemplate jdbc, ObjectMapper json, UsageLedger.Settings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.file = Path.of(settings.deadLetterFile());
        this.toTable = counter(meters, "table");
        this.toFile = counter(meters, "file");
    }

    private static Counter counter(MeterRegistry meters, String store) {
        return Counter.builder("router.ledger.dead_letters").tag("store", store)
                .description("Usage rows the ledger could not write, kept in the dead-letter table or file").register(meters);
    }

    /** Inserts the row into the dead-letter table, in the caller's transaction. */
    void insert(UsageLedger.Entry entry, String reason) {
        jdbc.update(INSERT, cut(entry.row().requestId(), 64), cut(entry.row().tenantId(), 40), asJson(entry, reason),
                cut(reason, 1000), Timestamp.from(Instant.now()));
    }

    /** After the insert committed. */
    void inserted(UsageLedger.Entry entry, String reason) {
        toTable.increment();
        log.error("Usage row {} of tenant {} cannot be written ({}): kept in usage_dead_letters", entry.row().requestId(),
                entry.row().tenantId(), reason);
    }

    /** Appends the rows to the dead-letter file; if even that fails, the rows go into the log line itself. */
    synchronized void toFile(List<UsageLedger.Entry> entries, String reason) {
        StringBuilder lines = new StringBuilder();
        entries.forEach(entry -> lines.append(asJson(entry, reason)).append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
            toFile.increment(entries.size());
            log.error("{} usage rows could not be written to the database ({}): kept in {}", entries.size(), reason,
                    file.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            log.error("{} usage rows could not be written to the database ({}) nor to {} ({}); the rows: {}",
                    entries.size(), reason, file.toAbsolutePath(), e.toString(), lines);
        }
    }

    private String asJson(UsageLedger.Entry entry, String reason) {
        ObjectNode node = json.createObjectNode();
        node.set("row", json.valueToTree(entry.row()));
        if (entry.meter() != null) {
            node.set("meter", json.valueToTree(entry.meter()));
        }
        node.put("error", reason);
        node.put("at", Instant.now().toString());
        return node.toString();   // control characters (a NUL too) are escaped: the text is safe for any column
    }

    private static String cut(String value, int max) {
        return value == null ? "" : value.length() <= max ? value : value.substring(0, max);
    }
}
