package app.router4ai.billing;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.support.LogCapture;
import app.router4ai.support.RouterTest;
import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A provider's odd answers (a 300-character model name with a NUL, 9e18 tokens, negative usage) reach the
 * router through HTTP as from a real provider: every surface answers, every call is billed with believable
 * counts (the router's estimate, flagged), a trial balance never rises, and other tenants' rows keep landing.
 */
public class ProviderUsageTest extends BillingRouterTest {

    @Autowired
    MeterRegistry meters;

    static final String LONG_MODEL = "gpt-4o-mini-" + "x".repeat(300) + "\\u0000-evil";

    @Test
    void impossibleCountsAreReplacedByTheEstimateOnEverySurfaceAndTheBalanceNeverRises() {
        TenantKey tenant = newTenantKey();
        OPENAI.answerWith(ProviderUsageTest::impossibleUsage);

        try (LogCapture logs = new LogCapture()) {
            assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
            assertThat(chat(tenant.key(), HELLO_STREAM).statusCode()).isEqualTo(200);
            assertThat(send("POST", "/v1/embeddings", "Bearer " + tenant.key(),
                    "{\"model\":\"text-embedding-3-small\",\"input\":\"Hello\"}").statusCode()).isEqualTo(200);
            assertThat(send("POST", "/v1/responses", "Bearer " + tenant.key(),
                    "{\"model\":\"gpt-4o-mini\",\"input\":\"Hello\"}").statusCode()).isEqualTo(200);
            assertThat(send("POST", "/v1/messages", null,
                    "{\"model\":\"gpt-4o-mini\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}",
                    "x-api-key", tenant.key(), "anthropic-version", "2023-06-01").statusCode()).isEqualTo(200);
            assertThat(send("POST", "/v1/chat/completions", "Bearer " + tenant.key(),
                    "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")
                    .statusCode()).isEqualTo(200);
            awaitRows(tenant.tenantId(), 6, 10);

            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT surface, prompt_tokens, completion_tokens, cached_tokens, usage_estimated FROM usage_records WHERE tenant_id = ?",
                    tenant.tenantId());
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.get("usage_estimated")).as("flagged: %s", row).isEqualTo(true);
                assertThat(((Number) row.get("prompt_tokens")).longValue()).as("%s", row).isBetween(0L, 1_000L);
                assertThat(((Number) row.get("completion_tokens")).longValue()).as("%s", row).isBetween(0L, 1_000L);
                assertThat(((Number) row.get("cached_tokens")).longValue()).as("%s", row).isBetween(0L, 1_000L);
            });
            assertThat(rows).extracting(row -> row.get("surface"))
                    .contains("chat", "embeddings", "responses", "messages");

            long left = admin("GET", "/admin/v1/tenants/" + tenant.tenantId() + "/billing", null, 200).get("trial_tokens_left").asLong();
            assertThat(left).isLessThan(1_000_000).isGreaterThan(990_000);

            for (String reason : List.of("negative", "over_context", "over_max_tokens")) {
                assertThat(meters.find("router.provider.usage.rejected").tags("provider", "openai", "reason", reason).counter())
                        .as(reason).isNotNull().satisfies(counter -> assertThat(counter.count()).isPositive());
            }
            // One WARN a request, no stack trace, nothing at ERROR.
            assertThat(logs.count(ProviderUsageCheck.class.getName(), "impossible usage")).isEqualTo(6);
            assertThat(logs.events()).noneMatch(e -> e.getLevel() == Level.ERROR || e.getThrowableProxy() != null);
        }
    }

    @Test
    void believableCountsAreBilledAsReported() {
        TenantKey tenant = newTenantKey();
        assertThat(chat(tenant.key(), HELLO).statusCode()).isEqualTo(200);
        awaitRows(tenant.tenantId(), 1, 5);
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT prompt_tokens, completion_tokens, usage_estimated FROM usage_records WHERE tenant_id = ?", tenant.tenantId());
        assertThat(row).containsEntry("usage_estimated", false);
        assertThat(((Number) row.get("prompt_tokens")).longValue()).isEqualTo(14);
        assertThat(((Number) row.get("completion_tokens")).longValue()).isEqualTo(18);
    }

    @Test
    void anOverlongModelNameWithANulIsCleanedAndAnotherTenantKeepsBeingBilled() {
        TenantKey odd = newTenantKey();
        TenantKey other = newTenantKey();
        OPENAI.answerWith(request -> request.json().path("stream").asBoolean(false)
                ? FakeResponse.sse(OpenAiFixtures.streamEvents(LONG_MODEL, List.of("Hi"), 5, 2))
                : FakeResponse.json(200, OpenAiFixtures.completion(LONG_MODEL, "Hi", 5, 2)));
        assertThat(chat(odd.key(), HELLO).statusCode()).isEqualTo(200);
        assertThat(chat(odd.key(), HELLO_STREAM).statusCode()).isEqualTo(200);
        OPENAI.reset(RouterTest::defaultAnswer);
        for (int i = 0; i < 3; i++) {
            assertThat(chat(other.key(), HELLO).statusCode()).isEqualTo(200);
        }
        awaitRows(odd.tenantId(), 2, 10);
        awaitRows(other.tenantId(), 3, 10);
        List<String> models = jdbc.queryForList("SELECT answering_model FROM usage_records WHERE tenant_id = ?", String.class,
                odd.tenantId());
        assertThat(models).allSatisfy(model -> {
            assertThat(model).hasSizeLessThanOrEqualTo(200).startsWith("gpt-4o-mini-xxx").doesNotContain("\u0000");
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM usage_dead_letters WHERE tenant_id IN (?, ?)", Long.class,
                odd.tenantId(), other.tenantId())).isZero();
    }

    /** Chat and Responses: prompt 9e18 and completion negative; streams: negative prompt; embeddings: negative prompt. */
    static FakeResponse impossibleUsage(FakeProvider.Received request) {
        String model = request.json().path("model").asText();
        if (request.path().endsWith("/embeddings")) {
            return FakeResponse.json(200, OpenAiFixtures.embeddings(model, List.of("Hello"), 8, -1_000_000));
        }
        if (request.json().path("stream").asBoolean(false)) {
            return request.json().has("max_tokens") || request.json().has("max_completion_tokens")
                    ? FakeResponse.sse(OpenAiFixtures.streamEvents(model, List.of("Hello", " there"), 14, 2_000_000_000))
                    : FakeResponse.sse(OpenAiFixtures.streamEvents(model, List.of("Hello", " there"), -1_000_000, 18));
        }
        return FakeResponse.json(200, OpenAiFixtures.completion(model, "Hello there!", 14, 18)
                .replace("\"prompt_tokens\":14", "\"prompt_tokens\":9e18")
                .replace("\"completion_tokens\":18", "\"completion_tokens\":-1000000"));
    }
}
