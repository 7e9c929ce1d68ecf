package app.router4ai.responses;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.AnthropicFixtures;
import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.GeminiFixtures;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.support.AllProvidersTest;
import app.router4ai.support.NodeClients;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Current Node clients on the endpoints besides chat (src/test/node/surfaces-check.mjs): the official openai
 * package's Responses API (plain, its stream helper's final response, a function-tool round trip, json_schema,
 * previous_response_id, retrieve and input items) on an OpenAI, an Anthropic and a Gemini upstream; its embeddings
 * (base64 by default, decoded equal to floats) on OpenAI and Gemini; legacy completions; moderations; the Vercel
 * AI SDK's default {@code openai('gpt-4o-mini')}, which calls the Responses API; LangChain's OpenAIEmbeddings.
 */
class ApiSurfacesNodeClientTest extends AllProvidersTest {

    static final String ARGS = "{\"city\":\"Paris\"}";
    static final String WEATHER_JSON = "{\"city\":\"Paris\",\"celsius\":18}";
    static final List<String> CHAT = List.of("openai:gpt-4o-mini", "anthropic:claude-haiku-4-5", "gemini:gemini-1.5-flash");

    @Test
    void currentNodeClientsWorkOnEveryEndpoint() throws Exception {
        OPENAI.answerWith(ApiSurfacesNodeClientTest::openAi);
        ANTHROPIC.answerWith(ApiSurfacesNodeClientTest::anthropic);
        GEMINI.answerWith(ApiSurfacesNodeClientTest::gemini);
        TenantKey tenant = newTenantKey();

        NodeClients.install("Node clients on every endpoint");
        NodeClients.Result check = NodeClients.run(NodeClients.DIR, 300, Map.of(), NodeClients.node(), "surfaces-check.mjs",
                baseUrl() + "/v1", tenant.key(), String.join(",", CHAT), "text-embedding-3-small,gemini-embedding-001");
        assertThat(check.exitCode()).as(check.output()).isZero();
        JsonNode seen = check.lastJson();

        for (String model : CHAT) {
            JsonNode r = seen.at("/responses").get(model);
            String provider = model.substring(0, model.indexOf(':'));
            String text = switch (provider) {
                case "anthropic" -> ANTHROPIC_TEXT;
                case "gemini" -> GEMINI_TEXT;
                default -> "Hello there!";
            };
            assertThat(r.at("/plain/text").asText()).as(model).isEqualTo(text);
            assertThat(r.at("/plain/id").asText()).startsWith("resp_");
            assertThat(r.at("/plain/status").asText()).isEqualTo("completed");
            assertThat(r.at("/plain/ram/provider_used").asText()).isEqualTo(provider);
            assertThat(r.at("/plain/usage/total_tokens").asInt()).isPositive();
            assertThat(r.at("/streamed/text").asText()).as(model).isEqualTo(text);
            assertThat(r.at("/streamed/types/0").asText()).isEqualTo("response.created");
            assertThat(r.at("/streamed/types").get(r.at("/streamed/types").size() - 1).asText()).isEqualTo("response.completed");
            assertThat(r.at("/streamed/usage/total_tokens").asInt()).isPositive();
            assertThat(r.at("/tool/name").asText()).isEqualTo("get_weather");
            assertThat(r.at("/tool/arguments")).isEqualTo(readJson(ARGS));
            assertThat(r.at("/tool/answer").asText()).isEqualTo(text);
            assertThat(r.at("/jsonSchema/value")).as(model + ": " + r.get("jsonSchema")).isEqualTo(readJson(WEATHER_JSON));
            assertThat(r.at("/continued/previous").asBoolean()).isTrue();
            assertThat(r.at("/stored/id").asBoolean()).isTrue();
            assertThat(r.at("/stored/items").asInt()).isEqualTo(1);
        }
        for (String model : List.of("text-embedding-3-small", "gemini-embedding-001")) {
            JsonNode e = seen.at("/embeddings").get(model);
            assertThat(e.get("count").asInt()).isEqualTo(2);
            assertThat(e.get("equal").asBoolean()).as(model + " base64 = float").isTrue();
            assertThat(e.get("singleMatchesBatch").asBoolean()).isTrue();
            assertThat(e.get("dimensions").asInt()).isEqualTo(8);
            assertThat(e.at("/ram/provider_used").asText()).isEqualTo(model.startsWith("gemini") ? "gemini" : "openai");
        }
        assertThat(seen.at("/completion/text").asText()).isEqualTo("Once upon a time");
        assertThat(seen.at("/moderation/flagged").asBoolean()).isFalse();
        assertThat(seen.at("/vercel/text").asText()).as(seen.get("vercel").toString()).isEqualTo("Hello there!");
        assertThat(seen.at("/vercel/streamedText").asText()).isEqualTo("Hello there!");
        assertThat(seen.at("/langchain/queryLength").asInt()).as(seen.get("langchain").toString()).isEqualTo(8);
        assertThat(seen.at("/langchain/documents").asInt()).isEqualTo(2);
        assertThat(seen.at("/langchain/sameAsQuery").asBoolean()).isTrue();

        // the ledger writes in batches off the request path: the script's last calls land within a flush or two
        Awaitility.await().atMost(15, TimeUnit.SECONDS).untilAsserted(() -> {
            JsonNode usage = readJson(send("GET", "/v1/usage", "Bearer " + tenant.key(), null).body());
            assertThat(usage.get("by_model")).extracting(m -> m.get("model").asText())
                    .contains("openai:gpt-4o-mini", "text-embedding-3-small", "gemini-embedding-001", "gpt-3.5-turbo-instruct");
        });
    }

    /** A function call when offered tools and no result is back yet; JSON when asked for a schema; else text. */
    static FakeResponse openAi(FakeProvider.Received request) {
        JsonNode body = request.json();
        String model = body.path("model").asText();
        boolean stream = body.path("stream").asBoolean(false);
        if (request.path().endsWith("/chat/completions") && wantsCall(body.path("tools"), body.path("messages").toString(), "\"tool\"")) {
            return stream ? FakeResponse.sse(OpenAiFixtures.toolCallStreamEvents(model, "call_n1", "get_weather", List.of(ARGS), 20, 9))
                    : FakeResponse.json(200, OpenAiFixtures.toolCallCompletion(model, "call_n1", "get_weather", ARGS, 20, 9));
        }
        if ("json_schema".equals(body.at("/response_format/type").asText())) {
            return FakeResponse.json(200, OpenAiFixtures.completion(model, WEATHER_JSON.replace("\"", "\\\""), 20, 9));
        }
        return defaultAnswer(request);
    }

    static FakeResponse anthropic(FakeProvider.Received request) {
        JsonNode body = request.json();
        String model = body.path("model").asText();
        if ("json_response".equals(body.at("/tool_choice/name").asText())) {   // json_schema, as a forced tool
            return FakeResponse.json(200, AnthropicFixtures.toolUseMessage("msg_n2", model, "toolu_n2", "json_response", WEATHER_JSON, 20, 9));
        }
        if (wantsCall(body.path("tools"), body.path("messages").toString(), "\"tool_result\"")) {
            return body.path("stream").asBoolean(false)
                    ? FakeResponse.sseText(AnthropicFixtures.toolUseStream("msg_n1", model, "toolu_n1", "get_weather", List.of(ARGS), 20, 9))
                    : FakeResponse.json(200, AnthropicFixtures.toolUseMessage("msg_n1", model, "toolu_n1", "get_weather", ARGS, 20, 9));
        }
        return anthropicAnswer(request);
    }

    static FakeResponse gemini(FakeProvider.Received request) {
        JsonNode body = request.json();
        String model = geminiModel(request);
        boolean stream = request.path().contains(":streamGenerateContent");
        if (!request.path().contains(":batchEmbedContents")
                && wantsCall(body.path("tools"), body.path("contents").toString(), "\"functionResponse\"")) {
            return stream ? FakeResponse.sseText(GeminiFixtures.functionCallStream("r_n1", model, "get_weather", ARGS, 20, 9))
                    : FakeResponse.json(200, GeminiFixtures.functionCallResponse("r_n1", model, "get_weather", ARGS, 20, 9));
        }
        if (body.at("/generationConfig/responseJsonSchema").isObject() || body.at("/generationConfig/responseSchema").isObject()) {
            return FakeResponse.json(200, GeminiFixtures.textResponse("r_n2", model, WEATHER_JSON, 20, 9));
        }
        return geminiAnswer(request);
    }

    private static boolean wantsCall(JsonNode tools, String conversation, String resultMarker) {
        return tools.isArray() && !tools.isEmpty() && !conversation.contains(resultMarker);
    }
}
