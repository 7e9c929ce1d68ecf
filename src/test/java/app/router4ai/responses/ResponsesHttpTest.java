package app.router4ai.responses;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.chat.SseLines;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.support.AllProvidersTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /v1/responses} as raw HTTP: the stream's event sequence, what Codex CLI and the Agents SDK send, bad
 * input (an OpenAI error, no provider call, no ledger row), stored responses and their tenant isolation, and a
 * stream the provider cuts or the client leaves.
 */
class ResponsesHttpTest extends AllProvidersTest {

    @DynamicPropertySource
    static void shortConversations(DynamicPropertyRegistry registry) {
        registry.add("router.responses.max-input-chars", () -> 2000);
    }

    @Autowired
    JdbcTemplate jdbc;

    TenantKey tenant;

    @BeforeEach
    void tenant() {
        tenant = newTenantKey();
    }

    /** One SSE event: its {@code event:} name and its data. */
    record Event(String name, JsonNode data) {
    }

    @Test
    void aStreamIsTheDocumentedEventSequenceEvenWhenTheClientAcceptsJson() {
        // The Agents SDK sends accept: application/json on its streamed calls too.
        HttpResponse<String> response = responses(tenant.key(), "{\"model\":\"gpt-4o-mini\",\"input\":\"Hello\",\"stream\":true}",
                "Accept", "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<Event> events = events(response.body());
        assertThat(events).extracting(Event::name).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).data().get("type").asText()).isEqualTo(events.get(i).name());
            assertThat(events.get(i).data().get("sequence_number").asInt()).isEqualTo(i);
        }
        String id = events.getFirst().data().at("/response/id").asText();
        JsonNode completed = events.getLast().data().get("response");
        assertThat(completed.get("id").asText()).isEqualTo(id);
        assertThat(completed.get("status").asText()).isEqualTo("completed");
        assertThat(completed.at("/output/0/content/0/text").asText()).isEqualTo("Hello there!");
        assertThat(completed.at("/usage/total_tokens").asInt()).isEqualTo(32);
        assertThat(completed.at("/_ram/request_id").asText()).isEqualTo(response.headers().firstValue("x-request-id").orElseThrow());
        String itemId = events.get(2).data().at("/item/id").asText();
        assertThat(events.subList(3, 9)).allSatisfy(e -> assertThat(e.data().get("item_id").asText()).isEqualTo(itemId));
        assertThat(events.get(9).data().at("/item/content/0/text").asText()).isEqualTo("Hello there!");
    }

    @Test
    void codexRequestsWork() {
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.toolCallStreamEvents("gpt-4o-mini", "call_rf1", "read_file",
                List.of("{\"path\":", "\"README.md\"}"), 900, 12)));
        String body = """
                {"model":"gpt-4o-mini","stream":true,"store":false,"parallel_tool_calls":false,"tool_choice":"auto",
                 "prompt_cache_key":"0198-session","client_metadata":{"originator":"codex_cli_rs"},
                 "reasoning":{"summary":"auto"},"include":["reasoning.encrypted_content"],
                 "input":[{"type":"message","role":"developer","content":[{"type":"input_text","text":"You are Codex."}]},
                          {"type":"message","role":"user","content":[{"type":"input_text","text":"Read the README"}]}],
                 "tools":[{"type":"web_search"},
                          {"type":"function","name":"shell","description":"Runs a command","strict":false,
                           "parameters":{"type":"object","properties":{"command":{"type":"array","items":{"type":"string"}}},"required":["command"]}},
                          {"type":"namespace","name":"mcp__files","description":"File tools","tools":[
                             {"type":"function","name":"read_file","description":"Reads a file",
                              "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}]}]}""";
        HttpResponse<String> response = responses(tenant.key(), body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-ram-tools-omitted")).contains("web_search");
        JsonNode sent = OPENAI.last().json();
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("You are Codex.");
        assertThat(sent.get("tools")).extracting(t -> t.at("/function/name").asText()).containsExactly("shell", "read_file");
        assertThat(sent.get("parallel_tool_calls").asBoolean()).isFalse();
        for (String dropped : List.of("reasoning", "include", "client_metadata", "prompt_cache_key", "store", "input", "reasoning_effort")) {
            assertThat(sent.has(dropped)).as(dropped).isFalse();
        }
        List<Event> events = events(response.body());
        JsonNode call = events.stream().filter(e -> e.name().equals("response.output_item.done")).findFirst().orElseThrow()
                .data().get("item");
        assertThat(call.get("type").asText()).isEqualTo("function_call");
        assertThat(call.get("name").asText()).isEqualTo("read_file");
        assertThat(call.get("namespace").asText()).isEqualTo("mcp__files");
        assertThat(call.get("call_id").asText()).isEqualTo("call_rf1");
        assertThat(readJson(call.get("arguments").asText())).isEqualTo(readJson("{\"path\":\"README.md\"}"));
        assertThat(events.getLast().name()).isEqualTo("response.completed");
        // store: false keeps nothing
        String id = events.getFirst().data().at("/response/id").asText();
        assertThat(send("GET", "/v1/responses/" + id, "Bearer " + tenant.key(), null).statusCode()).isEqualTo(404);

        // Codex's next turn sends the call back with its namespace, then the output
        String next = """
                {"model":"gpt-4o-mini","stream":true,"store":false,
                 "tools":[{"type":"namespace","name":"mcp__files","description":"File tools","tools":[
                    {"type":"function","name":"read_file","parameters":{"type":"object","properties":{"path":{"type":"string"}}}}]}],
                 "input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Read the README"}]},
                          {"type":"function_call","call_id":"call_rf1","name":"read_file","namespace":"mcp__files","arguments":"{}"},
                          {"type":"function_call_output","call_id":"call_rf1","output":"# Router4AI"}]}""";
        assertThat(responses(tenant.key(), next).statusCode()).isEqualTo(200);
        JsonNode replay = OPENAI.last().json().get("messages");
        assertThat(replay.at("/1/tool_calls/0/function/name").asText()).isEqualTo("read_file");
        assertThat(replay.at("/2/role").asText()).isEqualTo("tool");
        assertThat(replay.at("/2/tool_call_id").asText()).isEqualTo("call_rf1");
        assertThat(replay.at("/2/content").asText()).isEqualTo("# Router4AI");
    }

    @Test
    void agentsSdkStrictToolsLoseTheirSchemaDeclaration() {
        String body = """
                {"model":"gpt-4o-mini","input":[{"role":"user","content":"Weather?"}],
                 "tools":[{"type":"function","name":"get_weather","strict":true,"description":"Weather",
                   "parameters":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                     "properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}]}""";
        HttpResponse<String> response = responses(tenant.key(), body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode function = OPENAI.last().json().at("/tools/0/function");
        assertThat(function.get("strict").asBoolean()).isTrue();
        assertThat(function.get("parameters").has("$schema")).isFalse();
        assertThat(function.at("/parameters/additionalProperties").asBoolean(true)).isFalse();
        assertThat(readJson(response.body()).get("output_text").asText()).isEqualTo("Hello there!");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON                 | {"model":"gpt-4o-mini","input":                                                   | 400 | |
            unknown item type              | {"model":"gpt-4o-mini","input":[{"type":"banana"}]}                                  | 400 | input[0].type |
            tool output without its call   | {"model":"gpt-4o-mini","input":[{"type":"function_call_output","call_id":"call_x","output":"1"}]} | 400 | input[0].call_id |
            unknown previous response      | {"model":"gpt-4o-mini","input":"hi","previous_response_id":"resp_nope"}              | 400 | previous_response_id | previous_response_not_found
            an embedding model             | {"model":"text-embedding-3-small","input":"hi"}                                    | 400 | model |
            no input                       | {"model":"gpt-4o-mini"}                                                              | 400 | input |
            background mode                | {"model":"gpt-4o-mini","input":"hi","background":true}                               | 400 | background |
            a bad text format              | {"model":"gpt-4o-mini","input":"hi","text":{"format":{"type":"yaml"}}}              | 400 | text.format.type |
            an unknown model               | {"model":"gpt-9","input":"hi"}                                                       | 404 | model | model_not_found
            """)
    void badInputIsAnOpenAiErrorWithoutAProviderCallOrALedgerRow(String what, String body, int status, String param, String code) {
        HttpResponse<String> response = responses(tenant.key(), body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = readJson(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).isNotBlank();
        if (param != null) {
            assertThat(error.get("param").asText()).isEqualTo(param);
        }
        if (code != null) {
            assertThat(error.get("code").asText()).isEqualTo(code);
        }
        assertNothingCalledOrBilled();
    }

    @Test
    void anOverLongConversationIsRefused() {
        HttpResponse<String> response = responses(tenant.key(),
                "{\"model\":\"gpt-4o-mini\",\"input\":\"" + "x".repeat(2500) + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(readJson(response.body()).at("/error/code").asText()).isEqualTo("string_above_max_length");
        assertNothingCalledOrBilled();
    }

    @Test
    void storedResponsesBelongToTheirTenantOnly() {
        JsonNode created = readJson(responses(tenant.key(), """
                {"model":"gpt-4o-mini","input":[{"role":"user","content":"Remember 42"}],"metadata":{"ticket":"T-1"}}""").body());
        String id = created.get("id").asText();
        TenantKey other = newTenantKey();

        for (String path : List.of("/v1/responses/" + id, "/v1/responses/" + id + "/input_items")) {
            HttpResponse<String> foreign = send("GET", path, "Bearer " + other.key(), null);
            assertThat(foreign.statusCode()).as(path).isEqualTo(404);
            assertThat(readJson(foreign.body()).at("/error/message").asText()).contains(id);
        }
        assertThat(send("DELETE", "/v1/responses/" + id, "Bearer " + other.key(), null).statusCode()).isEqualTo(404);
        HttpResponse<String> continued = responses(other.key(),
                "{\"model\":\"gpt-4o-mini\",\"input\":\"and?\",\"previous_response_id\":\"" + id + "\"}");
        assertThat(continued.statusCode()).isEqualTo(400);
        assertThat(readJson(continued.body()).at("/error/code").asText()).isEqualTo("previous_response_not_found");

        JsonNode mine = readJson(send("GET", "/v1/responses/" + id, "Bearer " + tenant.key(), null).body());
        assertThat(mine.get("id").asText()).isEqualTo(id);
        assertThat(mine.at("/output/0/content/0/text").asText()).isEqualTo("Hello there!");
        assertThat(mine.at("/metadata/ticket").asText()).isEqualTo("T-1");
        JsonNode items = readJson(send("GET", "/v1/responses/" + id + "/input_items", "Bearer " + tenant.key(), null).body());
        assertThat(items.get("object").asText()).isEqualTo("list");
        assertThat(items.at("/data/0/role").asText()).isEqualTo("user");
        assertThat(items.at("/data/0/id").asText()).startsWith("msg_");
        assertThat(items.get("has_more").asBoolean()).isFalse();

        JsonNode deleted = readJson(send("DELETE", "/v1/responses/" + id, "Bearer " + tenant.key(), null).body());
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        assertThat(deleted.get("object").asText()).isEqualTo("response.deleted");
        assertThat(send("GET", "/v1/responses/" + id, "Bearer " + tenant.key(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void storeFalseKeepsNothing() {
        String id = readJson(responses(tenant.key(), "{\"model\":\"gpt-4o-mini\",\"input\":\"hi\",\"store\":false}").body())
                .get("id").asText();

        assertThat(send("GET", "/v1/responses/" + id, "Bearer " + tenant.key(), null).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stored_responses WHERE id = ?", Integer.class, id)).isZero();
    }

    @Test
    void aDeterministicRequestIsAnsweredFromTheCacheWholeAndStreamed() {
        String body = "{\"model\":\"gpt-4o-mini\",\"input\":\"Hello\",\"temperature\":0}";
        JsonNode first = readJson(responses(tenant.key(), body).body());
        HttpResponse<String> hit = responses(tenant.key(), body);
        HttpResponse<String> streamedHit = responses(tenant.key(), body.replace("}", ",\"stream\":true}"));

        assertThat(OPENAI.received()).hasSize(1);
        assertThat(hit.headers().firstValue("x-ram-cache")).contains("hit");
        JsonNode cached = readJson(hit.body());
        assertThat(cached.get("id").asText()).startsWith("resp_").isNotEqualTo(first.get("id").asText());
        assertThat(cached.get("output_text").asText()).isEqualTo("Hello there!");
        assertThat(cached.at("/_ram/cache_hit").asBoolean()).isTrue();
        List<Event> events = events(streamedHit.body());
        assertThat(streamedHit.headers().firstValue("x-ram-cache")).contains("hit");
        assertThat(events.getFirst().name()).isEqualTo("response.created");
        assertThat(events.getLast().name()).isEqualTo("response.completed");
        assertThat(events.getLast().data().at("/response/output/0/content/0/text").asText()).isEqualTo("Hello there!");
        // each answer is a response of its own, stored under its own id
        assertThat(send("GET", "/v1/responses/" + cached.get("id").asText(), "Bearer " + tenant.key(), null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aStreamTheProviderCutsEndsInResponseFailedAndIsBilled() {
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("Hello", " there", "!"), 14, 18)).cutAfter(2));
        // pinned: no other candidate could continue it (an unpinned one goes on at Claude, see FailoverPolicyTest)
        HttpResponse<String> response = responses(tenant.key(), "{\"model\":\"openai:gpt-4o-mini\",\"input\":\"Hello\",\"stream\":true}");

        List<Event> events = events(response.body());
        Event last = events.getLast();
        assertThat(last.name()).isEqualTo("response.failed");
        assertThat(last.data().at("/response/status").asText()).isEqualTo("failed");
        assertThat(last.data().at("/response/error/code").asText()).isEqualTo("stream_interrupted");
        assertThat(last.data().at("/response/_ram/request_id").asText()).isNotBlank();
        awaitLedgerRows(1);
    }

    @Test
    void aClientThatLeavesEarlyIsBilledWhatTheProviderProduced() throws Exception {
        OPENAI.enqueue(FakeResponse.sse(OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("One", " two", " three", " four"), 14, 40))
                .spaced(200));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/responses"))
                .header("Authorization", "Bearer " + tenant.key()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"input\":\"Count\",\"stream\":true}")).build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            body.readNBytes(200);   // the first events, then hang up
        }

        awaitLedgerRows(1);
        assertThat(jdbc.queryForObject("SELECT completion_tokens FROM usage_records WHERE tenant_id = ?", Long.class,
                tenant.tenantId())).isEqualTo(40L);
    }

    private void assertNothingCalledOrBilled() {
        assertThat(OPENAI.received()).isEmpty();
        assertThat(ANTHROPIC.received()).isEmpty();
        assertThat(GEMINI.received()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM usage_records WHERE tenant_id = ?", Integer.class, tenant.tenantId()))
                .isZero();
    }

    private void awaitLedgerRows(int rows) {
        Awaitility.await().atMost(15, TimeUnit.SECONDS).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM usage_records WHERE tenant_id = ? AND surface = 'responses'", Integer.class,
                tenant.tenantId()) == rows);
    }

    private HttpResponse<String> responses(String key, String body, String... headers) {
        return send("POST", "/v1/responses", "Bearer " + key, body, headers);
    }

    static List<Event> events(String sse) {
        return SseLines.events(sse).stream().map(e -> new Event(e.name(), readJson(e.data()))).toList();
    }
}
