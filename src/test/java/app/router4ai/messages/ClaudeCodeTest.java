package app.router4ai.messages;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.support.NodeClients;
import app.router4ai.support.RecordingProxy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real client: Claude Code ({@code @anthropic-ai/claude-code}, headless {@code claude -p ... --output-format
 * json}) with {@code ANTHROPIC_BASE_URL} at the router and a router key as {@code ANTHROPIC_API_KEY}, answering a
 * prompt and doing a tool round trip (it reads a file with its Read tool) against the provider fakes, passed
 * through to Anthropic and translated to OpenAI. A recording proxy sits between Claude Code and the router:
 * every request it made is written to target/claude-code-requests.json. Needs node and npm, like the other
 * Node client tests.
 */
class ClaudeCodeTest extends MessagesTestBase {

    private static final String SECRET = "the quick brown fox jumps over the lazy dog 4711";

    private Path home;
    private Path work;
    private RecordingProxy proxy;

    @BeforeEach
    void claudeCode() throws Exception {
        NodeClients.install("Claude Code");
        home = Files.createTempDirectory("claude-home");
        work = Files.createTempDirectory("claude-work");
        Files.writeString(work.resolve("notes.txt"), SECRET + "\n");
        proxy = new RecordingProxy(baseUrl());
        ANTHROPIC.answerWith(request -> claudeAnswer(request, work.resolve("notes.txt").toAbsolutePath().toString()));
    }

    @AfterEach
    void record() throws Exception {
        proxy.close();
        Files.writeString(Path.of("target", "claude-code-requests.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary(proxy.exchanges())));
    }

    @Test
    void claudeCodeAnswersAPromptAndDoesAToolRoundTripThroughTheRouter() {
        JsonNode hello = claude("claude-sonnet-4-6", "Say hello");
        assertThat(hello.get("is_error").asBoolean()).as(hello.toString()).isFalse();
        assertThat(hello.get("result").asText()).isEqualTo(ANTHROPIC_TEXT);

        JsonNode read = claude("claude-sonnet-4-6", "Read notes.txt and tell me what it says", "--allowedTools", "Read");
        assertThat(read.get("is_error").asBoolean()).as(read.toString()).isFalse();
        assertThat(read.get("result").asText()).contains(SECRET);
        assertThat(ANTHROPIC.received().stream().map(r -> r.json().toString()))
                .as("the file's text went back to Anthropic in a tool_result")
                .anyMatch(body -> body.contains("\"tool_result\"") && body.contains(SECRET));

        JsonNode translated = claude("gpt-4o-mini", "Say hello");
        assertThat(translated.get("is_error").asBoolean()).as(translated.toString()).isFalse();
        assertThat(translated.get("result").asText()).isEqualTo("Hello there!");
        JsonNode openAi = OPENAI.last().json();
        assertThat(openAi.get("max_tokens").asInt()).isEqualTo(16384);   // Claude Code asks far more than gpt-4o-mini gives
        assertThat(openAi.get("tools").size()).isPositive();

        List<RecordingProxy.Exchange> messages = proxy.exchanges().stream()
                .filter(e -> e.path().startsWith("/v1/messages")).toList();
        assertThat(messages).isNotEmpty().allSatisfy(e -> {
            assertThat(e.status()).as(e.method() + " " + e.path()).isEqualTo(200);
            assertThat(e.headers()).containsKeys("x-api-key", "anthropic-version");
        });
        assertThat(proxy.exchanges()).allSatisfy(e -> assertThat(e.status()).as(e.method() + " " + e.path()).isLessThan(500));
    }

    private JsonNode claude(String model, String prompt, String... options) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("ANTHROPIC_BASE_URL", proxy.url());
        env.put("ANTHROPIC_API_KEY", tenant.key());
        env.put("ANTHROPIC_MODEL", model);
        env.put("ANTHROPIC_DEFAULT_HAIKU_MODEL", "claude-haiku-4-5");
        env.put("ANTHROPIC_SMALL_FAST_MODEL", "claude-haiku-4-5");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        List<String> command = new java.util.ArrayList<>(List.of(
                NodeClients.DIR.resolve("node_modules/.bin/claude").toAbsolutePath().toString(),
                "-p", prompt, "--output-format", "json"));
        command.addAll(List.of(options));
        NodeClients.Result result = NodeClients.run(work, 240, env, command.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.lastJson();
    }

    /** A Claude that reads notes.txt with its Read tool when asked about it, and answers from the tool result. */
    static FakeResponse claudeAnswer(FakeProvider.Received request, String notesPath) {
        if (request.path().startsWith("/v1/messages/count_tokens")) {
            return anthropicAnswer(request);
        }
        JsonNode body = request.json();
        String model = body.path("model").asText();
        boolean stream = body.path("stream").asBoolean(false);
        JsonNode lastUser = null;
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals("user")) {
                lastUser = message;
            }
        }
        String result = lastUser == null ? null : AnthropicNodeClientTest.toolResult(JSON.createArrayNode().add(lastUser));
        if (result != null) {
            String text = "The file says: " + result.replaceAll("\\s+", " ").trim();
            return stream ? FakeResponse.sseText(AnthropicFixtures.textStream("msg_cc3", model, List.of(text), 900, 20))
                    : FakeResponse.json(200, AnthropicFixtures.textMessage("msg_cc3", model, text, 900, 20));
        }
        if (lastUser != null && lastUser.toString().contains("notes.txt") && body.has("tools")) {
            String input = JSON.createObjectNode().put("file_path", notesPath).toString();
            return stream ? FakeResponse.sseText(AnthropicFixtures.toolUseStream("msg_cc2", model, "toolu_read1", "Read",
                    List.of(input.substring(0, 5), input.substring(5)), 800, 30))
                    : FakeResponse.json(200, AnthropicFixtures.toolUseMessage("msg_cc2", model, "toolu_read1", "Read", input, 800, 30));
        }
        return anthropicAnswer(request);
    }

    /** Each request: endpoint, headers (the key redacted), top-level body fields (values for the short ones). */
    private static ArrayNode summary(List<RecordingProxy.Exchange> exchanges) {
        ArrayNode out = JSON.createArrayNode();
        for (RecordingProxy.Exchange e : exchanges) {
            ObjectNode entry = out.addObject().put("request", e.method() + " " + e.path()).put("status", e.status());
            ObjectNode headers = entry.putObject("headers");
            e.headers().forEach((name, value) -> headers.put(name, name.equals("x-api-key") || name.equals("authorization")
                    ? "(router key)" : value));
            if (e.body().length > 0) {
                JsonNode body = readJson(new String(e.body(), java.nio.charset.StandardCharsets.UTF_8));
                ObjectNode fields = entry.putObject("body");
                for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    JsonNode value = field.getValue();
                    fields.put(field.getKey(), value.isContainerNode() && value.toString().length() > 200
                            ? (value.isArray() ? "array of " + value.size() : "object " + iterable(value.fieldNames()))
                            : value.toString());
                }
                JsonNode tools = body.path("tools");
                if (tools.isArray()) {
                    ArrayNode names = entry.putArray("tool_names");
                    tools.forEach(t -> names.add(t.path("name").asText() + (t.has("type") ? " (" + t.get("type").asText() + ")" : "")));
                }
                ArrayNode roles = entry.putArray("message_roles");
                body.path("messages").forEach(m -> roles.add(m.path("role").asText()));
            }
        }
        return out;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
