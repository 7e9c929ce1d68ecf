package app.router4ai.billing;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.LogCapture;
import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rows the database refuses for what they hold (past the provider check: the ledger's own defence) never hold up
 * the others: the batch is split, the good rows land, each bad one is kept in usage_dead_letters with its
 * reason, one ERROR line (no stack trace) and a count in router_ledger_dead_letters_total.
 */
public class LedgerDeadLetterTest extends BillingRouterTest {

    @Autowired
    UsageLedger ledger;
    @Autowired
    MeterRegistry meters;

    @Test
    void rowsTheDatabaseRefusesAreDeadLetteredWhileEveryOtherRowLands() {
        TenantKey odd = newTenantKey();
        TenantKey other = newTenantKey();
        double deadBefore = deadLetters();
        List<UsageRow> bad = badRows(odd);
        try (LogCapture logs = new LogCapture()) {
            List<UsageRow> good = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                good.add(row(other, "gpt-4o-mini", 10, 5, new BigDecimal("0.0001")));
            }
            // One batch: the bad rows in the middle of the good ones.
            good.subList(0, 20).forEach(this::record);
            bad.forEach(this::record);
            good.subList(20, 40).forEach(this::record);
            assertThat(chat(other.key(), HELLO).statusCode()).isEqualTo(200);

            awaitRows(other.tenantId(), 41, 20);
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> deadLetterRows(odd.tenantId()) == bad.size());
            assertThat(rows(odd.tenantId())).isZero();

            List<Map<String, Object>> kept = jdbc.queryForList(
                    "SELECT request_id, row_json, error FROM usage_dead_letters WHERE tenant_id = ? ORDER BY id", odd.tenantId());
            assertThat(kept).extracting(r -> r.get("request_id")).containsExactlyInAnyOrderElementsOf(
                    bad.stream().map(UsageRow::requestId).toList());
            assertThat(kept).allSatisfy(r -> {
                assertThat(readJson(r.get("row_json").toString()).path("row").path("requestId").asText()).isNotBlank();
                assertThat(r.get("error").toString()).isNotBlank();
            });
            assertThat(deadLetters() - deadBefore).isEqualTo(bad.size());
            assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.ERROR)
                    .hasSize(bad.size())
                    .allSatisfy(e -> {
                        assertThat(e.getLoggerName()).isEqualTo(UsageDeadLetters.class.getName());
                        assertThat(e.getFormattedMessage()).contains("kept in usage_dead_letters");
                    });
            assertThat(logs.events()).noneMatch(e -> e.getThrowableProxy() != null);
        }
        // The dead-lettered rows' tokens still count against the tenant's trial.
        balance.refresh(odd.tenantId());
        assertThat(balance.of(odd.tenantId()).usedTokens()).isEqualTo(bad.size() * 15L);
    }

    /** Rows every database refuses: a model name over its column's 200 characters, a cost beyond NUMERIC(24,10). */
    protected List<UsageRow> badRows(TenantKey tenant) {
        return List.of(row(tenant, "m".repeat(300), 10, 5, new BigDecimal("0.0001")),
                row(tenant, "gpt-4o-mini", 10, 5, new BigDecimal("1e30")));
    }

    protected void record(UsageRow row) {
        balance.recorded(row);
        ledger.record(row);
    }

    protected static UsageRow row(TenantKey tenant, String model, long prompt, long completion, BigDecimal cost) {
        return new UsageRow(UUID.randomUUID().toString(), tenant.tenantId(), tenant.keyId(), "gpt-4o-mini", model, "openai",
                "fast", prompt, completion, 0, cost, 1, 0, false, false, Instant.now());
    }

    private long deadLetterRows(String tenantId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM usage_dead_letters WHERE tenant_id = ?", Long.class, tenantId);
    }

    private double deadLetters() {
        var counter = meters.find("router.ledger.dead_letters").tag("store", "table").counter();
        return counter == null ? 0 : counter.count();
    }
}
