package app.router4ai.billing;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.budget.SpendBook;
import app.router4ai.budget.SpendTotals;
import app.router4ai.support.LogCapture;
import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/** What the ledger retries, what it sets aside, and what it does with rows the database cannot take at shutdown. */
class UsageLedgerFailuresTest {

    @Test
    void dataErrorsAreRefusedForGoodAndLostConnectionsAreRetried() {
        assertThat(UsageLedger.refusedForGood(new DataIntegrityViolationException("value too long"))).isTrue();
        assertThat(UsageLedger.refusedForGood(new UncategorizedSQLException("insert", "INSERT",
                new SQLException("numeric field overflow", "22003")))).isTrue();
        assertThat(UsageLedger.refusedForGood(new UncategorizedSQLException("insert", "INSERT",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")))).isTrue();
        assertThat(UsageLedger.refusedForGood(new IllegalArgumentException("a row our code cannot bind"))).isTrue();

        assertThat(UsageLedger.refusedForGood(new CannotGetJdbcConnectionException("no connection"))).isFalse();
        assertThat(UsageLedger.refusedForGood(new QueryTimeoutException("timed out"))).isFalse();
        assertThat(UsageLedger.refusedForGood(new CannotCreateTransactionException("no connection"))).isFalse();
        assertThat(UsageLedger.refusedForGood(new UncategorizedSQLException("insert", "INSERT",
                new SQLException("connection reset", "08006")))).isFalse();
    }

    @Test
    void rowsTheDatabaseCannotTakeAtShutdownGoToTheDeadLetterFileWithALogLine(@TempDir Path data) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        DriverManagerDataSource down = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + closed + "/gone?connectTimeout=1",
                "postgres", "");
        JdbcTemplate jdbc = new JdbcTemplate(down);
        Path file = data.resolve("usage-dead-letters.jsonl");
        UsageLedger.Settings settings = new UsageLedger.Settings(500, Duration.ofMillis(20), Duration.ofMillis(500),
                Duration.ofMillis(50), file.toString());
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        UsageLedger ledger = new UsageLedger(jdbc, new TransactionTemplate(new DataSourceTransactionManager(down)), settings,
                new TrialBalance(null, jdbc), new OpenStreams(),
                new SpendBook(null, new SpendTotals(jdbc), null, java.time.Clock.systemUTC()), new SpendTotals(jdbc),
                new UsageDeadLetters(jdbc, json, settings, new SimpleMeterRegistry()));
        UsageRow row = new UsageRow("req-shutdown-1", "tenant-1", "key-1", "gpt-4o-mini", "gpt-4o-mini", "openai", "fast",
                10, 5, 0, new BigDecimal("0.0001"), 1, 0, false, false, Instant.now());

        try (LogCapture logs = new LogCapture()) {
            ledger.start();
            ledger.record(row);
            Thread.sleep(300);   // a few failed tries, retried (transient)
            ledger.stop();

            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(1);
            assertThat(json.readTree(lines.getFirst()).path("row").path("requestId").asText()).isEqualTo("req-shutdown-1");
            assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.ERROR)
                    .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("1 usage rows").contains(file.toString()));
            assertThat(logs.events()).noneMatch(e -> e.getThrowableProxy() != null);
        }
        assertThat(ledger.backlog()).isZero();
    }
}
