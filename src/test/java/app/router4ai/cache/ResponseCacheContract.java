package app.router4ai.cache;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The exact-match response cache as a client sees it; run in-process and on Redis. */
public abstract class ResponseCacheContract extends RouterTest {

    @Autowired
    JdbcTemplate jdbc;

    TenantKey tenant;
    String question;

    @BeforeEach
    void tenant() {
        tenant = newTenantKey();
        // A question of its own per test: the Redis cache outlives a test, the tenant key makes it unique anyway.
        question = "What is " + System.nanoTime() + "?";
    }

    private String body(String extra) {
        return "{\"model\":\"gpt-4o-mini\",\"temperature\":0" + extra + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + question + "\"}]}";
    }

    @Test
    void aDeterministicRequestIsAnsweredFromTheCacheTheSecondTime() {
        JsonNode first = readJson(chat(tenant.key(), body("")).body());
        HttpResponse<String> second = chat(tenant.key(), body(""));
        JsonNode hit = readJson(second.body());

        assertThat(OPENAI.received()).hasSize(1);
        assertThat(hit.at("/choices/0/message/content")).isEqualTo(first.at("/choices/0/message/content"));
        assertThat(hit.at("/_ram/cache_hit").asBoolean()).isTrue();
        assertThat(first.at("/_ram/cache_hit").asBoolean()).isFalse();
        assertThat(hit.at("/_ram/request_id").asText()).isNotEqualTo(first.at("/_ram/request_id").asText())
                .isEqualTo(second.headers().firstValue("x-request-id").orElseThrow());
        assertThat(hit.at("/_ram/failover_count").asInt()).isZero();
        assertThat(hit.at("/_ram/cost_billed_cents_usd").decimalValue()).isZero();
        assertThat(hit.at("/_ram/provider_used").asText()).isEqualTo("openai");

        String hitId = hit.at("/_ram/request_id").asText();
        Awaitility.await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT cache_hit, prompt_tokens, completion_tokens, cost_cents FROM usage_records WHERE request_id = ?", hitId))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("cache_hit")).isEqualTo(true);
                    assertThat(((Number) row.get("prompt_tokens")).longValue() + ((Number) row.get("completion_tokens")).longValue()).isZero();
                }));
    }

    @Test
    void onlyDeterministicRequestsAreCachedUnlessTheClientAsks() {
        String warm = "{\"model\":\"gpt-4o-mini\",\"temperature\":0.7,\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
        chat(tenant.key(), warm);
        chat(tenant.key(), warm);
        assertThat(OPENAI.received()).hasSize(2);

        chat(tenant.key(), warm, "x-ram-cache", "use");
        JsonNode forced = readJson(chat(tenant.key(), warm, "x-ram-cache", "use").body());
        assertThat(OPENAI.received()).hasSize(3);
        assertThat(forced.at("/_ram/cache_hit").asBoolean()).isTrue();

        chat(tenant.key(), body(",\"n\":2"));
        chat(tenant.key(), body(",\"n\":2"));
        assertThat(OPENAI.received()).hasSize(5);
    }

    @Test
    void noStoreKeepsARequestOutOfTheCacheBothWays() {
        chat(tenant.key(), body(""), "x-ram-cache", "no-store");
        chat(tenant.key(), body(""), "x-ram-cache", "no-store");
        assertThat(OPENAI.received()).hasSize(2);
        chat(tenant.key(), body(""));
        JsonNode afterwards = readJson(chat(tenant.key(), body(""), "x-ram-cache", "no-store").body());
        assertThat(afterwards.at("/_ram/cache_hit").asBoolean()).isFalse();
        assertThat(OPENAI.received()).hasSize(4);
    }

    @Test
    void aCachedAnswerIsNeverServedToAnotherTenant() {
        chat(tenant.key(), body(""));
        TenantKey other = newTenantKey();
        JsonNode theirs = readJson(chat(other.key(), body("")).body());
        assertThat(theirs.at("/_ram/cache_hit").asBoolean()).isFalse();
        assertThat(OPENAI.received()).hasSize(2);
    }

    @Test
    void aStreamedAnswerIsCachedAndReplayedAsAValidStream() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o-mini").temperature(0.0)
                .addUserMessage(question).streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        String live = text(params);
        List<ChatCompletionChunk> replay;
        try (StreamResponse<ChatCompletionChunk> stream = openAi(tenant.key()).chat().completions().createStreaming(params)) {
            replay = stream.stream().toList();
        }
        assertThat(OPENAI.received()).hasSize(1);
        assertThat(replay.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.delta().content().stream())
                .reduce("", String::concat)).isEqualTo(live).isEqualTo("Hello there!");
        ChatCompletionChunk last = replay.getLast();
        assertThat(last.usage().orElseThrow().totalTokens()).isEqualTo(32);
        assertThat(last._additionalProperties().get("_ram").convert(JsonNode.class).get("cache_hit").asBoolean()).isTrue();

        JsonNode plain = readJson(chat(tenant.key(), body("")).body());
        assertThat(plain.at("/choices/0/message/content").asText()).isEqualTo("Hello there!");
        assertThat(plain.at("/_ram/cache_hit").asBoolean()).isTrue();
    }

    @Test
    void aTenantCanTurnTheCacheOffOrShortenItsLife() throws InterruptedException {
        admin("PATCH", "/admin/v1/tenants/" + tenant.tenantId(), "{\"cache_enabled\":false}", 200);
        chat(tenant.key(), body(""));
        chat(tenant.key(), body(""));
        assertThat(OPENAI.received()).hasSize(2);

        JsonNode settings = admin("PATCH", "/admin/v1/tenants/" + tenant.tenantId(),
                "{\"cache_enabled\":true,\"cache_ttl_seconds\":1}", 200);
        assertThat(settings.get("cache_ttl_seconds").asInt()).isEqualTo(1);
        chat(tenant.key(), body(""));
        assertThat(readJson(chat(tenant.key(), body("")).body()).at("/_ram/cache_hit").asBoolean()).isTrue();
        Thread.sleep(1_500);
        assertThat(readJson(chat(tenant.key(), body("")).body()).at("/_ram/cache_hit").asBoolean()).isFalse();

        admin("PATCH", "/admin/v1/tenants/" + tenant.tenantId(), "{\"cache_enabled\":\"yes\"}", 400);
        admin("PATCH", "/admin/v1/tenants/" + tenant.tenantId(), "{\"cache_ttl_seconds\":0}", 400);
    }

    private String text(ChatCompletionCreateParams params) {
        try (StreamResponse<ChatCompletionChunk> stream = openAi(tenant.key()).chat().completions().createStreaming(params)) {
            return stream.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.delta().content().stream())
                    .reduce("", String::concat);
        }
    }
}
