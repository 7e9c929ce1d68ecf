package app.router4ai.completions;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.moderations.ModerationCreateParams;
import com.openai.models.moderations.ModerationCreateResponse;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * OpenAI's legacy {@code /v1/completions} (plain and streamed) and {@code /v1/moderations} through the router with
 * the official Java client, billed on the ledger; and any other {@code /v1/} path answered with a 404 that names it.
 */
class LegacyEndpointsTest extends RouterTest {

    @Autowired
    JdbcTemplate jdbc;

    TenantKey tenant;
    OpenAIClient client;

    @BeforeEach
    void tenant() {
        tenant = newTenantKey();
        client = openAi(tenant.key());
    }

    @Test
    void aLegacyCompletionIsPassedToOpenAiAndBilled() {
        Completion completion = client.completions().create(CompletionCreateParams.builder()
                .model(CompletionCreateParams.Model.of("gpt-3.5-turbo-instruct")).prompt("Once").maxTokens(16).build());

        assertThat(completion.choices().getFirst().text()).isEqualTo("Once upon a time");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(9);
        JsonNode ram = completion._additionalProperties().get("_ram").convert(JsonNode.class);
        assertThat(ram.get("provider_used").asText()).isEqualTo("openai");
        // 5 × $1.50/M + 4 × $2.00/M = $0.0000155 = 0.00155 cents
        assertThat(ram.get("cost_billed_cents_usd").decimalValue()).isEqualByComparingTo("0.00155");
        assertThat(OPENAI.last().path()).isEqualTo("/v1/completions");
        assertThat(OPENAI.last().json().get("max_tokens").asInt()).isEqualTo(16);
        awaitRow(ram.get("request_id").asText(), "completions");
    }

    @Test
    void aStreamedLegacyCompletionEndsWithDoneAndCarriesRam() {
        StringBuilder text = new StringBuilder();
        List<Completion> chunks;
        try (StreamResponse<Completion> stream = client.completions().createStreaming(CompletionCreateParams.builder()
                .model(CompletionCreateParams.Model.of("gpt-3.5-turbo-instruct")).prompt("Once").build())) {
            chunks = stream.stream().toList();
        }
        chunks.forEach(c -> c.choices().forEach(choice -> text.append(choice.text())));

        assertThat(text.toString()).isEqualTo("Once upon a time");
        assertThat(OPENAI.last().json().at("/stream_options/include_usage").asBoolean()).isTrue();
        JsonNode ram = chunks.getLast()._additionalProperties().get("_ram").convert(JsonNode.class);
        awaitRow(ram.get("request_id").asText(), "completions");
        HttpResponse<String> raw = send("POST", "/v1/completions", "Bearer " + tenant.key(),
                "{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"Once\",\"stream\":true}");
        assertThat(raw.body().strip()).endsWith("data: [DONE]");
    }

    @Test
    void aModerationIsPassedToOpenAi() {
        ModerationCreateResponse moderation = client.moderations().create(ModerationCreateParams.builder()
                .input("I like turtles").build());

        assertThat(moderation.results().getFirst().flagged()).isFalse();
        assertThat(OPENAI.last().path()).isEqualTo("/v1/moderations");
        assertThat(OPENAI.last().json().get("model").asText()).isEqualTo("omni-moderation-latest");
        JsonNode ram = moderation._additionalProperties().get("_ram").convert(JsonNode.class);
        assertThat(ram.get("cost_billed_cents_usd").decimalValue()).isZero();
        awaitRow(ram.get("request_id").asText(), "moderations");
    }

    @Test
    void aChatModelIsNotALegacyCompletionModel() {
        HttpResponse<String> response = send("POST", "/v1/completions", "Bearer " + tenant.key(),
                "{\"model\":\"gpt-4o-mini\",\"prompt\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(readJson(response.body()).at("/error/param").asText()).isEqualTo("model");
        assertThat(OPENAI.received()).isEmpty();
    }

    @Test
    void anyOtherPathUnderV1IsA404ThatNamesIt() {
        for (String[] call : List.of(new String[] {"POST", "/v1/images/generations"}, new String[] {"GET", "/v1/files"},
                new String[] {"POST", "/v1/audio/speech"}, new String[] {"POST", "/v1/responses/resp_1/cancel"})) {
            HttpResponse<String> response = send(call[0], call[1], "Bearer " + tenant.key(), call[0].equals("POST") ? "{}" : null);
            assertThat(response.statusCode()).as(call[1]).isEqualTo(404);
            JsonNode error = readJson(response.body()).get("error");
            assertThat(error.get("message").asText()).contains(call[0] + " " + call[1]).contains("not an endpoint this router serves");
            assertThat(error.get("code").asText()).isEqualTo("unknown_url");
        }
    }

    private void awaitRow(String requestId, String surface) {
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> jdbc.queryForList(
                "SELECT surface FROM usage_records WHERE request_id = ?", String.class, requestId).equals(List.of(surface)));
    }
}
