package app.router4ai.requestlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.router4ai.support.RouterTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The request log's write and read sides on each database: a real request lands in it, filters and pages narrow it. */
public abstract class RequestLogContract extends RouterTest {

    private static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-02T00:00:00Z");

    @Autowired
    RequestLogSearch search;
    @Autowired
    JdbcTemplate jdbc;

    TenantKey tenant;
    TenantKey other;

    @BeforeEach
    void log() {
        tenant = newTenantKey();
        other = newTenantKey();
        row(tenant, "a-ok", "2025-03-01T10:00:00Z", "gpt-4o-mini", "openai", 200, 0, false);
        row(tenant, "b-failover", "2025-03-01T11:00:00Z", "gpt-4o-mini", "deepseek", 200, 1, false);
        row(tenant, "c-cached", "2025-03-01T12:00:00Z", "gpt-4o-mini", "openai", 200, 0, true);
        row(tenant, "d-refused", "2025-03-01T13:00:00Z", "gpt-4o", "openai", 503, 2, false);
        row(tenant, "e-next-day", "2025-03-02T00:00:00Z", "gpt-4o", "openai", 200, 0, false);
        row(other, "f-other", "2025-03-01T10:30:00Z", "gpt-4o-mini", "openai", 200, 0, false);
    }

    @Test
    void aRequestThroughTheRouterIsLoggedWithItsAttempts() {
        var response = chat(tenant.key(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        String requestId = readJson(response.body()).at("/_ram/request_id").asText();

        RequestLogEntry entry = await().atMost(Duration.ofSeconds(15))
                .until(() -> search.find(tenant.tenantId(), requestId).orElse(null), found -> found != null);
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.keyId()).isEqualTo(tenant.keyId());
        assertThat(entry.provider()).isEqualTo("openai");
        assertThat(entry.ttftMs()).isNotNull();
        assertThat(entry.traceId()).isNull();
        assertThat(entry.attempts()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo("answered");
            assertThat(a.provider()).isEqualTo("openai");
        });
        assertThat(search.find(other.tenantId(), requestId)).isEmpty();
    }

    @Test
    void anAnsweredRequestIsOneLedgerRowAndARefusedOneARequestLogRow() {
        Instant start = Instant.now().minusSeconds(1);
        var answered = chat(tenant.key(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        String answeredId = readJson(answered.body()).at("/_ram/request_id").asText();
        var refused = chat(tenant.key(), "{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(refused.statusCode()).isEqualTo(404);

        List<RequestLogEntry> seen = await().atMost(Duration.ofSeconds(15)).until(
                () -> search.search(tenant.tenantId(), start, Instant.now().plusSeconds(5), RequestLogFilter.none()).entries(),
                entries -> entries.size() == 2);
        assertThat(seen).extracting(RequestLogEntry::status).containsExactly(404, 200);
        assertThat(seen.get(1).requestId()).isEqualTo(answeredId);
        assertThat(seen.get(1).attempts()).extracting(RequestLogEntry.AttemptView::outcome).containsExactly("answered");
        // the answered one costs no second row: its ledger row is its log line
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM request_log WHERE request_id = ?", Integer.class, answeredId)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM usage_records WHERE request_id = ?", Integer.class, answeredId)).isOne();
        assertThat(search.search(tenant.tenantId(), start, Instant.now().plusSeconds(5),
                new RequestLogFilter(null, null, null, "error", false, null, 0)).entries()).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void filtersNarrowThePeriodOfOneTenant() {
        assertThat(ids(RequestLogFilter.none())).containsExactly("d-refused", "c-cached", "b-failover", "a-ok");
        assertThat(ids(filter(null, null, null, null, true, null))).containsExactly("d-refused", "b-failover");
        assertThat(ids(filter(null, null, "deepseek", null, false, null))).containsExactly("b-failover");
        assertThat(ids(filter(null, "gpt-4o", null, null, false, null))).containsExactly("d-refused");
        assertThat(ids(filter(null, null, null, "error", false, null))).containsExactly("d-refused");
        assertThat(ids(filter(null, null, null, "ok", false, null))).containsExactly("c-cached", "b-failover", "a-ok");
        assertThat(ids(filter(null, null, null, "503", false, null))).containsExactly("d-refused");
        assertThat(ids(filter(null, null, null, null, false, "hit"))).containsExactly("c-cached");
        assertThat(ids(filter(null, null, null, null, false, "miss"))).containsExactly("d-refused", "b-failover", "a-ok");
        assertThat(ids(filter(other.keyId(), null, null, null, false, null))).isEmpty();
        assertThat(search.providers(tenant.tenantId())).containsExactly("deepseek", "openai");
    }

    @Test
    void pagesOfFiftyNewestFirst() {
        TenantKey busy = newTenantKey();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < RequestLogSearch.PAGE_SIZE + 3; i++) {
            String id = String.format("busy-%03d", i);
            row(busy, id, FROM.plusSeconds(i).toString(), "gpt-4o-mini", "openai", 200, 0, false);
            expected.addFirst(id);
        }
        RequestLogPage first = search.search(busy.tenantId(), FROM, TO, RequestLogFilter.none());
        assertThat(first.entries()).hasSize(RequestLogSearch.PAGE_SIZE);
        assertThat(first.hasNext()).isTrue();
        assertThat(first.hasPrevious()).isFalse();
        RequestLogPage second = search.search(busy.tenantId(), FROM, TO, RequestLogFilter.none().page(1));
        assertThat(second.entries()).extracting(RequestLogEntry::requestId).extracting(RequestLogContract::name)
                .containsExactlyElementsOf(expected.subList(RequestLogSearch.PAGE_SIZE, expected.size()));
        assertThat(second.hasNext()).isFalse();
    }

    private RequestLogFilter filter(String key, String model, String provider, String status, boolean failedOver, String cache) {
        return new RequestLogFilter(key, model, provider, status, failedOver, cache, 0);
    }

    private List<String> ids(RequestLogFilter filter) {
        return search.search(tenant.tenantId(), FROM, TO, filter).entries().stream()
                .map(RequestLogEntry::requestId).map(RequestLogContract::name).toList();
    }

    private static String name(String requestId) {
        return requestId.substring(requestId.indexOf(':') + 1);
    }

    /** A row as the writer leaves it; ids are made unique per test run ("<uuid>:<name>"). */
    private void row(TenantKey owner, String name, String at, String model, String provider, int status, int failovers,
                     boolean cacheHit) {
        jdbc.update("""
                INSERT INTO request_log (request_id, tenant_id, key_id, created_at, surface, model, answering_model, provider,
                  tier, status, failover_count, cache_hit, stream, latency_ms, ttft_ms, prompt_tokens, completion_tokens,
                  cost_cents, trace_id, attempts) VALUES (?, ?, ?, ?, 'chat', ?, ?, ?, 'fast', ?, ?, ?, FALSE, 12, NULL, 3, 4, ?, NULL, '[]')""",
                UUID.randomUUID() + ":" + name, owner.tenantId(), owner.keyId(), Timestamp.from(Instant.parse(at)), model,
                model, provider, status, failovers, cacheHit, new BigDecimal("0.001"));
    }
}
