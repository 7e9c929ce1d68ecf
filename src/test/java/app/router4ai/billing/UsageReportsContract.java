package app.router4ai.billing;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The usage read side over known ledger rows: the report, and its two JSON endpoints; run on each database. */
public abstract class UsageReportsContract extends RouterTest {

    @Autowired
    UsageReports reports;
    @Autowired
    JdbcTemplate jdbc;

    TenantKey tenant;
    TenantKey other;

    @BeforeEach
    void ledger() {
        tenant = newTenantKey();
        other = newTenantKey();
        // Either side of midnight UTC: the days are UTC days, whatever the database's time zone.
        row(tenant, "gpt-4o-mini", "2025-03-01T23:59:59Z", 10, 20, "0.0015");
        row(tenant, "gpt-4o-mini", "2025-03-02T00:00:00Z", 1, 2, "0.0001");
        row(tenant, "claude-sonnet-4-6", "2025-03-02T12:00:00Z", 100, 50, "1.05");
        row(tenant, "gpt-4o", "2025-03-05T00:00:00Z", 7, 7, "0.5"); // the day after the period
        row(other, "gpt-4o-mini", "2025-03-02T10:00:00Z", 999, 999, "9");
    }

    private void row(TenantKey owner, String model, String at, long prompt, long completion, String cents) {
        jdbc.update("""
                INSERT INTO usage_records (request_id, tenant_id, key_id, requested_model, answering_model, provider, tier,
                  prompt_tokens, completion_tokens, cached_tokens, cost_cents, latency_ms, failover_count, cache_hit, stream, created_at)
                VALUES (?, ?, ?, ?, ?, 'openai', 'fast', ?, ?, 0, ?, 120, 0, FALSE, FALSE, ?)""",
                UUID.randomUUID().toString(), owner.tenantId(), owner.keyId(), model, model, prompt, completion,
                new BigDecimal(cents), Timestamp.from(Instant.parse(at)));
    }

    @Test
    void totalsByModelAndByDayCoverWholeUtcDaysOfOneTenant() {
        UsageReport report = reports.report(tenant.tenantId(), LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-04"));

        assertThat(report.total()).isEqualTo(new UsageReport.Totals(111, 72, new BigDecimal("1.0516"), 3));
        assertThat(report.byModel()).extracting(UsageReport.ModelUsage::model).containsExactly("claude-sonnet-4-6", "gpt-4o-mini");
        assertThat(report.byModel().get(1).totals()).isEqualTo(new UsageReport.Totals(11, 22, new BigDecimal("0.0016"), 2));
        assertThat(report.byDay()).extracting(d -> d.date().toString())
                .containsExactly("2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04");
        assertThat(report.byDay()).extracting(d -> d.totals().requests()).containsExactly(1L, 2L, 0L, 0L);
        assertThat(report.byDay().get(1).totals().costCents()).isEqualByComparingTo("1.0501");
    }

    @Test
    void recentRowsAreNewestFirstAndOnlyTheTenantsOwn() {
        List<RecentRequest> recent = reports.recent(tenant.tenantId(), 2);
        assertThat(recent).extracting(RecentRequest::model).containsExactly("gpt-4o", "claude-sonnet-4-6");
        assertThat(reports.recent(other.tenantId(), 10)).singleElement()
                .satisfies(r -> assertThat(r.totalTokens()).isEqualTo(1998));
    }

    @Test
    void tenantsReadTheirOwnUsageWithTheirKey() {
        HttpResponse<String> response = send("GET", "/v1/usage?from=2025-03-01&to=2025-03-04", "Bearer " + tenant.key(), null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode usage = readJson(response.body());
        assertThat(usage.get("object").asText()).isEqualTo("usage");
        assertThat(usage.get("from").asText()).isEqualTo("2025-03-01");
        assertThat(usage.get("to").asText()).isEqualTo("2025-03-04");
        assertThat(usage.get("total")).isEqualTo(readJson("""
                {"prompt_tokens":111,"completion_tokens":72,"total_tokens":183,"cost_cents_usd":1.0516,"requests":3}"""));
        assertThat(usage.get("by_model").get(0)).isEqualTo(readJson("""
                {"model":"claude-sonnet-4-6","requests":1,"prompt_tokens":100,"completion_tokens":50,"total_tokens":150,
                 "cost_cents_usd":1.05}"""));
        assertThat(usage.get("by_day")).hasSize(4);
        assertThat(usage.get("by_day").get(2)).isEqualTo(readJson("""
                {"date":"2025-03-03","requests":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0,"cost_cents_usd":0}"""));

        assertThat(send("GET", "/v1/usage", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/v1/usage", "Bearer ram_live_aaaaaaaaaaaaaaaa_nope", null).statusCode()).isEqualTo(401);
    }

    @Test
    void withoutDatesTheLast30DaysUpToToday() {
        JsonNode usage = readJson(send("GET", "/v1/usage", "Bearer " + tenant.key(), null).body());
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        assertThat(usage.get("to").asText()).isEqualTo(today.toString());
        assertThat(usage.get("from").asText()).isEqualTo(today.minusDays(29).toString());
        assertThat(usage.get("by_day")).hasSize(30);
        assertThat(usage.at("/total/requests").asLong()).isZero();
    }

    @Test
    void adminsReadAnyTenantsUsage() {
        JsonNode usage = admin("GET", "/admin/v1/tenants/" + other.tenantId() + "/usage?from=2025-03-02&to=2025-03-02", null, 200);
        assertThat(usage.at("/total/total_tokens").asLong()).isEqualTo(1998);
        assertThat(usage.at("/total/cost_cents_usd").decimalValue()).isEqualByComparingTo("9");
        assertThat(usage.get("by_day")).hasSize(1);

        admin("GET", "/admin/v1/tenants/ten_nope/usage", null, 404);
        assertThat(send("GET", "/admin/v1/tenants/" + other.tenantId() + "/usage", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void badPeriodsAreOpenAiStyle400s() {
        for (String query : List.of("from=2025-13-01", "to=yesterday", "from=2025-03-05&to=2025-03-01", "from=2020-01-01&to=2025-01-01")) {
            HttpResponse<String> response = send("GET", "/v1/usage?" + query, "Bearer " + tenant.key(), null);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(readJson(response.body()).at("/error/type").asText()).as(query).isEqualTo("invalid_request_error");
        }
    }
}
