package app.router4ai.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What a client of POST /v1/chat/completions and /v1/models sees; run on each database. */
public abstract class GatewayContract extends RouterTest {

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void deepSeekRefusesConnections(DynamicPropertyRegistry registry) {
        int port = closedPort();
        registry.add("router.providers.deepseek.base-url", () -> "http://127.0.0.1:" + port + "/v1");
    }

    TenantKey tenant;

    @BeforeEach
    void tenant() {
        tenant = newTenantKey();
    }

    private ChatCompletionCreateParams hello(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Hello").build();
    }

    @Test
    void openAiJavaClientGetsACompletionWithRamAndRequestId() {
        OpenAIClient client = openAi(tenant.key());
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(hello("gpt-4o-mini"));
        ChatCompletion completion = raw.parse();

        assertThat(completion.choices().getFirst().message().content()).contains("Hello there!");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(32);
        JsonNode ram = completion._additionalProperties().get("_ram").convert(JsonNode.class);
        assertThat(ram.get("tier").asText()).isEqualTo("fast");
        assertThat(ram.get("provider_used").asText()).isEqualTo("openai");
        assertThat(ram.get("failover_count").asInt()).isZero();
        assertThat(ram.get("cache_hit").asBoolean()).isFalse();
        assertThat(ram.get("latency_ms").asLong()).isNotNegative();
        // 14 × $0.15/M + 18 × $0.60/M = $0.0000129 = 0.00129 cents, exactly.
        assertThat(ram.get("cost_billed_cents_usd").decimalValue()).isEqualByComparingTo(new BigDecimal("0.00129"));
        assertThat(raw.headers().values("x-request-id")).containsExactly(ram.get("request_id").asText());
    }

    @Test
    void everyUsageRowLandsInTheLedger() {
        ChatCompletion completion = openAi(tenant.key()).chat().completions().create(hello("gpt-4o-mini"));
        String requestId = completion._additionalProperties().get("_ram").convert(JsonNode.class).get("request_id").asText();

        Awaitility.await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT tenant_id, key_id, provider, tier, prompt_tokens, completion_tokens, cost_cents FROM usage_records"
                        + " WHERE request_id = ?", requestId)).singleElement().satisfies(row -> {
                            assertThat(row.get("tenant_id")).isEqualTo(tenant.tenantId());
                            assertThat(row.get("key_id")).isEqualTo(tenant.keyId());
                            assertThat(row.get("provider")).isEqualTo("openai");
                            assertThat(((Number) row.get("prompt_tokens")).longValue()).isEqualTo(14);
                            assertThat(((Number) row.get("completion_tokens")).longValue()).isEqualTo(18);
                            assertThat(new BigDecimal(row.get("cost_cents").toString())).isEqualByComparingTo("0.00129");
                        }));
    }

    @Test
    void forwardsEveryFieldUnchangedExceptTheModel() {
        String body = """
                {"model":"openai:gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":
                   {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
                 "tool_choice":"auto","response_format":{"type":"json_object"},"temperature":0.2,"top_p":0.9,"seed":7,
                 "logprobs":true,"top_logprobs":2,"user":"u-42","n":2,"stop":["END"],"max_tokens":50,
                 "max_completion_tokens":60,"presence_penalty":0.1,"frequency_penalty":0.2,"logit_bias":{"50256":-100},
                 "parallel_tool_calls":false,"metadata":{"k":"v"},"some_future_field":{"nested":[1,2,3]}}""";
        HttpResponse<String> response = chat(tenant.key(), body);

        assertThat(response.statusCode()).isEqualTo(200);
        ObjectNode expected = (ObjectNode) readJson(body);
        expected.put("model", "gpt-4o-mini");
        assertThat(OPENAI.last().json()).isEqualTo(expected);
        assertThat(OPENAI.last().path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void onlyAllowListedHeadersCrossTheRouterEitherWay() {
        OPENAI.enqueue(FakeResponse.json(200, OpenAiFixtures.completion("gpt-4o-mini", "ok", 1, 1))
                .withHeader("Set-Cookie", "__cf_bm=tracking; path=/")
                .withHeader("openai-organization", "org-secret-org")
                .withHeader("openai-project", "proj_secret")
                .withHeader("x-upstream-secret", "leak")
                .withHeader("Authorization", "Bearer " + OPENAI_KEY));
        HttpResponse<String> response = chat(tenant.key(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "X-Client-Secret", "client-secret", "Cookie", "session=abc", "OpenAI-Organization", "org-client");

        FakeProvider.Received upstream = OPENAI.last();
        assertThat(upstream.headers().get("authorization")).isEqualTo("Bearer " + OPENAI_KEY);
        assertThat(upstream.headers()).doesNotContainKeys("x-client-secret", "cookie", "openai-organization");
        assertThat(upstream.headers().toString()).doesNotContain(tenant.key());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().keySet()).map(String::toLowerCase)
                .doesNotContain("set-cookie", "openai-organization", "openai-project", "x-upstream-secret", "authorization");
        assertThat(response.headers().map().toString() + response.body()).doesNotContain(OPENAI_KEY);
    }

    @Test
    void streamsWithUsageThroughTheOpenAiJavaClient() {
        ChatCompletionCreateParams params = hello("gpt-4o-mini").toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = openAi(tenant.key()).chat().completions().createStreaming(params)) {
            chunks = stream.stream().toList();
        }
        assertThat(chunks).extracting(ChatCompletionChunk::id).containsOnly("chatcmpl-fake456");
        assertThat(chunks).extracting(ChatCompletionChunk::created).containsOnly(1732000001L);
        String text = chunks.stream().flatMap(c -> c.choices().stream())
                .flatMap(c -> c.delta().content().stream()).reduce("", String::concat);
        assertThat(text).isEqualTo("Hello there!");
        ChatCompletionChunk last = chunks.getLast();
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().totalTokens()).isEqualTo(32);
        JsonNode ram = last._additionalProperties().get("_ram").convert(JsonNode.class);
        assertThat(ram.get("cost_billed_cents_usd").decimalValue()).isEqualByComparingTo("0.00129");
        assertThat(OPENAI.last().json().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void streamWithoutUsageCarriesRamOnTheFinishChunkAndNoExtraChunk() {
        HttpResponse<String> response = chat(tenant.key(),
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<String> data = SseLines.data(response.body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(RouterTest::readJson).toList();
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.get("choices")).isNotEmpty();
            assertThat(c.has("usage")).isFalse();
        });
        JsonNode finish = chunks.getLast();
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(finish.at("/_ram/cost_billed_cents_usd").decimalValue()).isEqualByComparingTo("0.00129");
        assertThat(finish.at("/_ram/request_id").asText()).isEqualTo(response.headers().firstValue("x-request-id").orElseThrow());
        assertThat(chunks.subList(0, chunks.size() - 1)).noneMatch(c -> c.has("_ram"));
    }

    @Test
    void streamEventsReachTheClientAsTheProviderSendsThem() throws Exception {
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("a", "b", "c", "d"), 3, 4)).spaced(200));
        List<Long> arrivals = SseLines.arrivalMillis(baseUrl(), tenant.key(),
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        // 8 events 200 ms apart upstream: the first content must arrive long before the last, not all at once.
        assertThat(arrivals).hasSizeGreaterThanOrEqualTo(6);
        assertThat(arrivals.getLast() - arrivals.getFirst()).isGreaterThan(1000);
        assertThat(arrivals.get(2) - arrivals.get(1)).isGreaterThan(100);
    }

    @Test
    void aStreamCutByTheProviderEndsWithAnErrorEventNotSilence() {
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("a", "b", "c"), 3, 4)).cutAfter(2));
        HttpResponse<String> response = chat(tenant.key(),
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        List<String> data = SseLines.data(response.body());
        assertThat(data).doesNotContain("[DONE]");
        assertThat(readJson(data.getLast()).at("/error/code").asText()).isEqualTo("stream_interrupted");
    }

    @Test
    void errorClassesOfTheOpenAiJavaClient() {
        assertThatThrownBy(() -> openAi("ram_live_aaaaaaaaaaaaaaaa_notarealsecretatall").chat().completions()
                .create(hello("gpt-4o-mini"))).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> openAi(tenant.key()).chat().completions().create(hello("gpt-5-imaginary")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("gpt-5-imaginary");
        assertThat(OPENAI.received()).isEmpty();
    }

    @Test
    void modelsListAndGetThroughTheOpenAiJavaClient() {
        OpenAIClient client = openAi(tenant.key());
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();
        assertThat(ids).containsExactlyInAnyOrder("gpt-4o-mini", "claude-haiku-4-5", "gemini-1.5-flash", "deepseek-chat",
                "gpt-4o", "claude-sonnet-4-6", "gemini-1.5-pro", "claude-opus-4-7", "gpt-4-turbo",
                "text-embedding-3-small", "text-embedding-3-large", "gemini-embedding-001", "gpt-3.5-turbo-instruct",
                "omni-moderation-latest", "fast", "balanced", "premium");   // a tier is a model a client may ask for
        assertThat(client.models().retrieve("gpt-4o").ownedBy()).isEqualTo("openai");
        assertThatThrownBy(() -> client.models().retrieve("nope")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> openAi("ram_live_bad").models().list()).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void badInputGetsAClearOpenAiError() {
        assertError(chat(tenant.key(), "{\"model\":"), 400, "invalid_request_error", null);
        assertError(chat(tenant.key(), "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400, "invalid_request_error", null);
        assertError(chat(tenant.key(), "{\"model\":\"gpt-4o-mini\"}"), 400, "invalid_request_error", null);
        assertError(chat(tenant.key(), "[1,2]"), 400, "invalid_request_error", null);
        assertError(chat(tenant.key(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(5 * 1024 * 1024) + "\"}]}"), 413, "invalid_request_error", "request_too_large");
        assertError(chat(tenant.key(), "model=gpt-4o-mini", "Content-Type", "application/x-www-form-urlencoded"),
                415, "invalid_request_error", "unsupported_media_type");
        assertError(chat(tenant.key(), "hello", "Content-Type", "text/plain"), 415, "invalid_request_error", "unsupported_media_type");
        assertError(send("POST", "/v1/chat/completions", null, "{}"), 401, "invalid_request_error", "invalid_api_key");
        // refused before its body was read: the client still gets the answer, not a reset connection
        assertError(send("POST", "/v1/chat/completions", null, "{\"pad\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}"),
                401, "invalid_request_error", "invalid_api_key");
        assertThat(OPENAI.received()).isEmpty();
    }

    @Test
    void aChunkedBodyOfUnknownLengthIsServedAndOneOverTheLimitRefused() throws Exception {
        HttpResponse<String> ok = chunked(tenant.key(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(readJson(ok.body()).get("object").asText()).isEqualTo("chat.completion");
        assertThat(OPENAI.received()).singleElement()
                .satisfies(call -> assertThat(call.json().get("messages").get(0).get("content").asText()).isEqualTo("Hi"));

        // no Content-Length for the filter to refuse up front: the route stops reading at the limit (4 MB)
        assertError(chunked(tenant.key(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(5 * 1024 * 1024) + "\"}]}"), 413, "invalid_request_error", "request_too_large");
        assertThat(OPENAI.received()).hasSize(1);
    }

    /** A POST whose body goes out chunked (Transfer-Encoding: chunked, no Content-Length). */
    private HttpResponse<String> chunked(String key, String body) throws Exception {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aProvidersOwnClientErrorReachesTheClientUnchanged() {
        String body = OpenAiFixtures.error("This model's maximum context length is 128000 tokens.", "invalid_request_error",
                "messages", "context_length_exceeded");
        OPENAI.enqueue(FakeResponse.json(400, body));
        HttpResponse<String> response = chat(tenant.key(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(readJson(response.body())).isEqualTo(readJson(body));
    }

    @Test
    void aFailedProviderGives503WithRetryAfterAndNoSecrets() {
        // DeepSeek points at a closed port in these tests.
        HttpResponse<String> refused = chat(tenant.key(), "{\"model\":\"deepseek:deepseek-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertError(refused, 503, "server_error", "all_providers_failed");
        assertThat(refused.headers().firstValue("retry-after")).isPresent();
        assertThat(readJson(refused.body()).at("/error/message").asText()).contains("deepseek").contains("connection refused");

        // a 500 is retried once on the same provider (a pinned request has nowhere else to go)
        OPENAI.enqueue(FakeResponse.json(500, "{\"error\":{\"message\":\"boom\"}}"));
        OPENAI.enqueue(FakeResponse.json(500, "{\"error\":{\"message\":\"boom\"}}"));
        HttpResponse<String> upstream500 = chat(tenant.key(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertError(upstream500, 503, "server_error", "all_providers_failed");
        assertThat(upstream500.body()).contains("openai").contains("HTTP 500").doesNotContain(OPENAI_KEY);

        OPENAI.enqueue(FakeResponse.raw(200, "application/json", "{not json"));
        assertError(chat(tenant.key(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
                503, "server_error", "all_providers_failed");
    }

    @Test
    void unknownUrlsAndWrongMethodsGetOpenAiErrors() {
        assertError(send("POST", "/v1/images/generations", "Bearer " + tenant.key(), "{}"), 404, "invalid_request_error", "unknown_url");
        HttpResponse<String> get = send("GET", "/v1/chat/completions", "Bearer " + tenant.key(), null);
        assertError(get, 405, "invalid_request_error", "method_not_allowed");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        // a browser still gets the error page
        assertThat(send("GET", "/v1/nothing-here", null, null, "Accept", "text/html").body()).contains("Not found");
    }

    @Test
    void pinningSelectsThatProviderAndRejectsAMismatch() {
        assertThat(chat(tenant.key(), "{\"model\":\"openai:gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .statusCode()).isEqualTo(200);
        assertThat(OPENAI.last().json().get("model").asText()).isEqualTo("gpt-4o-mini");
        assertError(chat(tenant.key(), "{\"model\":\"deepseek:gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
                404, "invalid_request_error", "model_not_found");
    }

    private static void assertError(HttpResponse<String> response, int status, String type, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = readJson(response.body()).get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.has("param")).isTrue();
        if (code != null) {
            assertThat(error.get("code").asText()).isEqualTo(code);
        }
    }
}
