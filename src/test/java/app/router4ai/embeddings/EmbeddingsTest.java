package app.router4ai.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.GeminiFixtures;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.support.AllProvidersTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /v1/embeddings} with the official Java client, on an OpenAI upstream (native) and a Gemini one
 * (batchEmbedContents): one input and a batch, float and base64 (the same numbers), dimensions, the cache,
 * failover only between models of the same dimensions, billing, and what is refused before any provider call.
 */
class EmbeddingsTest extends AllProvidersTest {

    @Autowired
    JdbcTemplate jdbc;

    TenantKey tenant;
    OpenAIClient client;

    @BeforeEach
    void tenant() {
        tenant = newTenantKey();
        client = openAi(tenant.key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text-embedding-3-small", "gemini-embedding-001"})
    void oneInputAndABatchInFloatAndBase64GiveTheSameVectors(String model) {
        CreateEmbeddingResponse single = client.embeddings().create(EmbeddingCreateParams.builder().model(model)
                .input("The quick brown fox").encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());
        List<String> batch = List.of("first", "second", "third");
        CreateEmbeddingResponse floats = client.embeddings().create(EmbeddingCreateParams.builder().model(model)
                .inputOfArrayOfStrings(batch).encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());
        CreateEmbeddingResponse base64 = client.embeddings().create(EmbeddingCreateParams.builder().model(model)
                .inputOfArrayOfStrings(batch).encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64).build());

        assertThat(single.data()).hasSize(1);
        assertThat(single.data().getFirst().embedding()).containsExactlyElementsOf(floats("The quick brown fox"));
        assertThat(floats.data()).extracting(e -> e.index()).containsExactly(0L, 1L, 2L);
        for (int i = 0; i < batch.size(); i++) {
            assertThat(floats.data().get(i).embedding()).containsExactlyElementsOf(floats(batch.get(i)));
            String encoded = base64.data().get(i).embeddingValue().asBase64();
            assertThat(decode(encoded)).containsExactlyElementsOf(floats.data().get(i).embedding());
        }
        assertThat(floats.usage().promptTokens()).isPositive();
        assertThat(ram(floats._additionalProperties()).get("provider_used").asText())
                .isEqualTo(model.startsWith("gemini") ? "gemini" : "openai");
        if (model.startsWith("gemini")) {
            JsonNode sent = GEMINI.last().json();
            assertThat(GEMINI.last().path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
            assertThat(sent.get("requests")).extracting(r -> r.at("/content/parts/0/text").asText()).containsExactlyElementsOf(batch);
            assertThat(sent.at("/requests/0/model").asText()).isEqualTo("models/gemini-embedding-001");
            assertThat(GEMINI.last().headers().get("x-goog-api-key")).isEqualTo(GEMINI_KEY);
        } else {
            assertThat(OPENAI.last().path()).isEqualTo("/v1/embeddings");
            assertThat(OPENAI.last().json().get("encoding_format").asText()).isEqualTo("float");
        }
        awaitRows(3);
        List<String> surfaces = jdbc.queryForList("SELECT surface FROM usage_records WHERE tenant_id = ?", String.class, tenant.tenantId());
        assertThat(surfaces).containsOnly("embeddings");
        JsonNode usage = readJson(send("GET", "/v1/usage", "Bearer " + tenant.key(), null).body());
        assertThat(usage.at("/by_model/0/model").asText()).isEqualTo(model);
        assertThat(usage.at("/total/prompt_tokens").asLong()).isPositive();
        assertThat(usage.at("/total/completion_tokens").asLong()).isZero();
        assertThat(usage.at("/total/cost_cents_usd").decimalValue()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text-embedding-3-large", "gemini-embedding-001"})
    void dimensionsReachTheProvider(String model) {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder().model(model)
                .input("short").dimensions(4).encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

        assertThat(response.data().getFirst().embedding()).hasSize(4);
        JsonNode sent = model.startsWith("gemini") ? GEMINI.last().json().at("/requests/0/outputDimensionality")
                : OPENAI.last().json().get("dimensions");
        assertThat(sent.asInt()).isEqualTo(4);
    }

    @Test
    void tokenArraysGoToOpenAiAsSent() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").inputOfArrayOfTokenArrays(List.of(List.of(1L, 2L, 3L), List.of(4L)))
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

        assertThat(response.data()).hasSize(2);
        assertThat(OPENAI.last().json().get("input").toString()).isEqualTo("[[1,2,3],[4]]");
    }

    @Test
    void anIdenticalRequestIsServedFromTheCache() {
        String body = "{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",\"b\"]}";
        HttpResponse<String> first = embeddings(body);
        HttpResponse<String> second = embeddings(body.replace("}", ",\"encoding_format\":\"base64\"}"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("x-ram-cache")).contains("hit");
        assertThat(OPENAI.received()).hasSize(1);
        JsonNode hit = readJson(second.body());
        assertThat(hit.at("/_ram/cache_hit").asBoolean()).isTrue();
        assertThat(decode(hit.at("/data/1/embedding").asText())).containsExactlyElementsOf(floats("b"));
    }

    @Test
    void failoverGoesOnlyToAModelOfTheSameDimensions() {
        OPENAI.answerWith(request -> FakeResponse.json(503, OpenAiFixtures.error("overloaded", "server_error", null, null)));

        HttpResponse<String> large = embeddings("{\"model\":\"text-embedding-3-large\",\"input\":\"x\"}");   // 3072, as Gemini's
        assertThat(large.statusCode()).isEqualTo(200);
        assertThat(readJson(large.body()).at("/_ram/provider_used").asText()).isEqualTo("gemini");
        assertThat(readJson(large.body()).at("/_ram/failover_count").asInt()).isEqualTo(1);

        HttpResponse<String> small = embeddings("{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}");   // 1536: no stand-in
        assertThat(small.statusCode()).isEqualTo(503);
        assertThat(GEMINI.received()).hasSize(1);
    }

    @Test
    void geminiRefusesTokenArraysSoTheyAreNotSentThere() {
        HttpResponse<String> response = embeddings("{\"model\":\"gemini:gemini-embedding-001\",\"input\":[1,2,3]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(readJson(response.body()).at("/error/param").asText()).isEqualTo("input");
        assertThat(GEMINI.received()).isEmpty();
    }

    @Test
    void badInputIsRefusedBeforeAnyProviderCall() {
        for (String body : List.of("{\"model\":\"gpt-4o-mini\",\"input\":\"a chat model\"}",
                "{\"model\":\"text-embedding-3-small\"}", "{\"model\":\"text-embedding-3-small\",\"input\":\"\"}",
                "{\"model\":\"text-embedding-3-small\",\"input\":[]}", "{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",{}]}",
                "{\"model\":\"text-embedding-3-small\",\"input\":\"a\",\"encoding_format\":\"int8\"}",
                "{\"model\":\"text-embedding-3-small\",\"input\":\"a\",\"dimensions\":0}", "{\"model\":")) {
            HttpResponse<String> response = embeddings(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(readJson(response.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        }
        assertThat(OPENAI.received()).isEmpty();
        assertThat(GEMINI.received()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM usage_records WHERE tenant_id = ?", Integer.class, tenant.tenantId())).isZero();
    }

    @Test
    void aGeminiAnswerWithTheWrongNumberOfVectorsIsAProviderFailure() {
        GEMINI.enqueue(FakeResponse.json(200, GeminiFixtures.batchEmbeddings(List.of(List.of(0.5)))));

        HttpResponse<String> response = embeddings("{\"model\":\"gemini:gemini-embedding-001\",\"input\":[\"a\",\"b\"]}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(readJson(response.body()).at("/error/message").asText()).contains("malformed");
    }

    private HttpResponse<String> embeddings(String body) {
        return send("POST", "/v1/embeddings", "Bearer " + tenant.key(), body);
    }

    private void awaitRows(int rows) {
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM usage_records WHERE tenant_id = ?", Integer.class, tenant.tenantId()) == rows);
    }

    /** What the fakes answer for this text, as float32. */
    private static List<Float> floats(String text) {
        return OpenAiFixtures.vectorOf(text, 8).stream().map(Double::floatValue).toList();
    }

    private static List<Float> decode(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        List<Float> values = new ArrayList<>();
        while (bytes.hasRemaining()) {
            values.add(bytes.getFloat());
        }
        return values;
    }
}
