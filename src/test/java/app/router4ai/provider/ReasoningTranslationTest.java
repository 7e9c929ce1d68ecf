package app.router4ai.provider;

import static app.router4ai.provider.Golden.JSON;
import static app.router4ai.provider.Golden.assertJson;
import static app.router4ai.provider.Golden.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.router4ai.provider.anthropic.AnthropicWire;
import app.router4ai.provider.gemini.GeminiWire;
import app.router4ai.provider.openai.OpenAiWire;
import app.router4ai.routing.CatalogModel;
import app.router4ai.routing.Deployment;
import app.router4ai.routing.ModelKind;
import app.router4ai.routing.ReasoningMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One reasoning request, every provider's own control in the body that goes upstream: Anthropic's thinking (a
 * budget, or adaptive thinking with an effort), Gemini's thinkingConfig (a budget, or a level), OpenAI's
 * reasoning_effort, DeepSeek's reasoning model; and nothing at all for a model that does not reason.
 */
class ReasoningTranslationTest {

    private static final String HAIKU_MAP = "{\"control\":\"budget\"}";
    private static final String SONNET_MAP = "{\"control\":\"level\"}";

    private final AnthropicWire anthropic = new AnthropicWire(JSON);
    private final GeminiWire gemini = new GeminiWire(JSON);
    private final OpenAiWire openAi = new OpenAiWire(JSON);

    // ---- Anthropic ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} → budget {1}, max_tokens {2}")
    @CsvSource({"minimal, 1024, 9216", "low, 4096, 12288", "medium, 12288, 20480", "high, 24576, 32768"})
    void anEffortBecomesAThinkingBudgetAndMaxTokensMakeRoomForTheAnswer(String effort, int budget, int maxTokens) {
        JsonNode body = send(anthropic, "claude-haiku-4-5", HAIKU_MAP, "\"reasoning_effort\":\"" + effort + "\",\"temperature\":0.2");

        assertJson(parse("{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}"), body.get("thinking"));
        assertThat(body.path("max_tokens").asInt()).isEqualTo(maxTokens);
        assertThat(body.has("temperature")).as("Anthropic takes no temperature beside thinking").isFalse();
    }

    @Test
    void theClientsMaxTokensIncludeTheThinkingAndTheBudgetShrinksToFit() {
        JsonNode roomy = send(anthropic, "claude-haiku-4-5", HAIKU_MAP, "\"reasoning_effort\":\"low\",\"max_tokens\":20000");
        assertThat(roomy.at("/thinking/budget_tokens").asInt()).isEqualTo(4096);
        assertThat(roomy.path("max_tokens").asInt()).isEqualTo(20000);

        JsonNode tight = send(anthropic, "claude-haiku-4-5", HAIKU_MAP, "\"reasoning_effort\":\"high\",\"max_completion_tokens\":6000");
        assertThat(tight.at("/thinking/budget_tokens").asInt()).isEqualTo(3000);
        assertThat(tight.path("max_tokens").asInt()).isEqualTo(6000);

        JsonNode tooSmall = send(anthropic, "claude-haiku-4-5", HAIKU_MAP, "\"reasoning_effort\":\"high\",\"max_tokens\":1500");
        assertThat(tooSmall.has("thinking")).as("no budget of 1024 fits under 1500 with room to answer").isFalse();
        assertThat(tooSmall.path("max_tokens").asInt()).isEqualTo(1500);
    }

    @Test
    void openRoutersReasoningObjectGivesItsOwnBudget() {
        JsonNode body = send(anthropic, "claude-haiku-4-5", HAIKU_MAP, "\"reasoning\":{\"max_tokens\":3000}");

        assertJson(parse("{\"type\":\"enabled\",\"budget_tokens\":3000}"), body.get("thinking"));
        assertThat(body.path("max_tokens").asInt()).isEqualTo(3000 + 8192);
    }

    @Test
    void claudeFourSixThinksAdaptivelyWithTheEffortAsItsLevel() {
        JsonNode body = send(anthropic, "claude-sonnet-4-6", SONNET_MAP, "\"reasoning_effort\":\"minimal\",\"top_p\":0.5");

        assertJson(parse("{\"type\":\"adaptive\"}"), body.get("thinking"));
        assertJson(parse("{\"effort\":\"low\"}"), body.get("output_config"));
        assertThat(body.path("max_tokens").asInt()).isEqualTo(8192 + 24576);
        assertThat(body.has("top_p")).as("a top_p under 0.95 is refused beside thinking").isFalse();
    }

    @Test
    void aForcedToolTurnsThinkingOffRatherThanBeRefused() {
        JsonNode body = send(anthropic, "claude-haiku-4-5", HAIKU_MAP, "\"reasoning_effort\":\"high\","
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":\"required\"");

        assertThat(body.has("thinking")).isFalse();
        assertThat(body.at("/tool_choice/type").asText()).isEqualTo("any");
    }

    @Test
    void aClaudeWithoutReasoningIgnoresTheEffort() {
        JsonNode body = send(anthropic, "claude-3-haiku", null, "\"reasoning_effort\":\"high\",\"temperature\":0.2");

        assertThat(body.has("thinking")).isFalse();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    }

    @Test
    void cacheControlMarksOnSystemPartsUserPartsMessagesAndToolsReachAnthropic() {
        JsonNode body = send(anthropic, "claude-haiku-4-5", null, """
                "messages":[
                  {"role":"system","content":[{"type":"text","text":"Long manual","cache_control":{"type":"ephemeral","ttl":"1h"}},
                                              {"type":"text","text":"Be brief."}]},
                  {"role":"user","content":[{"type":"text","text":""},{"type":"text","text":"Document","cache_control":{"type":"ephemeral"}},
                                            {"type":"text","text":"Question?"}]},
                  {"role":"assistant","content":"Earlier answer","cache_control":{"type":"ephemeral"}},
                  {"role":"user","content":"Next"}],
                "tools":[{"type":"function","function":{"name":"f"},"cache_control":{"type":"ephemeral"}}]""");

        assertJson(parse("""
                [{"type":"text","text":"Long manual","cache_control":{"type":"ephemeral","ttl":"1h"}},
                 {"type":"text","text":"Be brief."}]"""), body.get("system"));
        assertJson(parse("""
                [{"role":"user","content":[{"type":"text","text":"Document","cache_control":{"type":"ephemeral"}},
                                           {"type":"text","text":"Question?"}]},
                 {"role":"assistant","content":[{"type":"text","text":"Earlier answer","cache_control":{"type":"ephemeral"}}]},
                 {"role":"user","content":"Next"}]"""), body.get("messages"));
        assertJson(parse("{\"type\":\"ephemeral\"}"), body.at("/tools/0/cache_control"));
    }

    @Test
    void reasoningDetailsSentBackBecomeTheTurnsThinkingBlocksUnchangedAndFirst() {
        JsonNode body = send(anthropic, "claude-haiku-4-5", HAIKU_MAP, """
                "reasoning_effort":"low","messages":[
                  {"role":"user","content":"Weather in Paris?"},
                  {"role":"assistant","content":null,"reasoning_content":"I should call the tool.",
                   "reasoning_details":[
                     {"type":"reasoning.text","text":"I should call ","format":"anthropic-claude-v1","index":0},
                     {"type":"reasoning.text","text":"the tool.","format":"anthropic-claude-v1","index":0},
                     {"type":"reasoning.text","signature":"EqQBsig==","format":"anthropic-claude-v1","index":0},
                     {"type":"reasoning.encrypted","data":"EmwKAhgBredacted","format":"anthropic-claude-v1","index":1},
                     {"type":"reasoning.text","text":"Another model's thought","format":"openai-responses-v1","index":2}],
                   "tool_calls":[{"id":"toolu_01","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                  {"role":"tool","tool_call_id":"toolu_01","content":"18°C"}]""");

        assertJson(parse("""
                [{"type":"thinking","thinking":"I should call the tool.","signature":"EqQBsig=="},
                 {"type":"redacted_thinking","data":"EmwKAhgBredacted"},
                 {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}}]"""),
                body.at("/messages/1/content"));
    }

    // ---- Gemini -----------------------------------------------------------------------------------------

    @Test
    void geminiTwoFiveGetsAThinkingBudgetAndAsksForItsThoughts() {
        JsonNode body = send(gemini, "gemini-2.5-flash", HAIKU_MAP, "\"reasoning_effort\":\"medium\"");

        assertJson(parse("{\"thinkingBudget\":12288,\"includeThoughts\":true}"), body.at("/generationConfig/thinkingConfig"));
    }

    @Test
    void geminiTakesABudgetNoLargerThanTheModelsLargestAndNoThoughtsWhenExcluded() {
        JsonNode body = send(gemini, "gemini-2.5-flash", HAIKU_MAP, "\"reasoning\":{\"max_tokens\":100000,\"exclude\":true}");

        assertJson(parse("{\"thinkingBudget\":24576}"), body.at("/generationConfig/thinkingConfig"));
    }

    @Test
    void geminiThreeGetsAThinkingLevel() {
        JsonNode body = send(gemini, "gemini-3-pro-preview", "{\"control\":\"level\",\"map\":{\"medium\":\"high\"}}",
                "\"reasoning\":{\"effort\":\"medium\"}");

        assertJson(parse("{\"thinkingLevel\":\"high\",\"includeThoughts\":true}"), body.at("/generationConfig/thinkingConfig"));
    }

    @Test
    void aGeminiWithoutThinkingGetsNoThinkingConfig() {
        JsonNode body = send(gemini, "gemini-1.5-flash", null, "\"reasoning_effort\":\"high\"");

        assertThat(body.has("generationConfig")).isFalse();
    }

    // ---- OpenAI format ------------------------------------------------------------------------------------

    @Test
    void openAiReasoningModelsGetReasoningEffortAlsoFromOpenRoutersObject() {
        assertThat(send(openAi, "o4-mini", "true", "\"reasoning_effort\":\"high\"").path("reasoning_effort").asText()).isEqualTo("high");

        JsonNode body = send(openAi, "o4-mini", "true", "\"reasoning\":{\"effort\":\"low\",\"exclude\":true}");
        assertThat(body.path("reasoning_effort").asText()).isEqualTo("low");
        assertThat(body.has("reasoning")).as("OpenAI refuses an argument it does not know").isFalse();
    }

    @Test
    void anOpenAiModelWithoutReasoningGetsNeitherField() {
        JsonNode body = send(openAi, "gpt-4o-mini", null, "\"reasoning_effort\":\"high\",\"reasoning\":{\"effort\":\"high\"}");

        assertThat(body.has("reasoning_effort")).isFalse();
        assertThat(body.has("reasoning")).isFalse();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void deepSeekReasonsThroughItsReasonerModel() {
        String map = "{\"control\":\"model\",\"model\":\"deepseek-reasoner\"}";
        JsonNode reasoning = send(openAi, "deepseek-chat", map, "\"reasoning_effort\":\"medium\"");
        assertThat(reasoning.path("model").asText()).isEqualTo("deepseek-reasoner");
        assertThat(reasoning.has("reasoning_effort")).isFalse();

        assertThat(send(openAi, "deepseek-chat", map, "\"temperature\":0").path("model").asText()).isEqualTo("deepseek-chat");
        assertThat(send(openAi, "deepseek-chat", map, "\"reasoning_effort\":\"none\"").path("model").asText()).isEqualTo("deepseek-chat");
    }

    @Test
    void reasoningFieldsOfAnEarlierAnswerAreSentBackOnlyWhereTheProviderTakesThem() {
        String history = """
                "messages":[{"role":"user","content":"Hi"},
                  {"role":"assistant","content":"Hello","reasoning_content":"Greet back.","reasoning":"Greet back.",
                   "reasoning_details":[{"type":"reasoning.text","text":"Greet back.","format":"anthropic-claude-v1","index":0}]},
                  {"role":"user","content":"Again"}]""";

        JsonNode toOpenAi = send(openAi, "o4-mini", "true", history);
        assertJson(parse("{\"role\":\"assistant\",\"content\":\"Hello\"}"), toOpenAi.at("/messages/1"));

        JsonNode toDeepSeek = send(openAi, "deepseek-chat", "{\"control\":\"model\",\"model\":\"deepseek-reasoner\"}", history);
        assertJson(parse("{\"role\":\"assistant\",\"content\":\"Hello\",\"reasoning_content\":\"Greet back.\"}"),
                toDeepSeek.at("/messages/1"));
    }

    @Test
    void claudesCacheMarksAreLeftOutForOpenAiFormatProvidersWhichCacheByThemselves() {
        JsonNode body = send(openAi, "gpt-4o-mini", null, """
                "messages":[{"role":"system","content":[{"type":"text","text":"Manual","cache_control":{"type":"ephemeral"}}]},
                            {"role":"user","content":"Hi","cache_control":{"type":"ephemeral"}}],
                "tools":[{"type":"function","function":{"name":"f"},"cache_control":{"type":"ephemeral"}}]""");

        assertJson(parse("""
                [{"role":"system","content":[{"type":"text","text":"Manual"}]},{"role":"user","content":"Hi"}]"""),
                body.get("messages"));
        assertJson(parse("[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]"), body.get("tools"));
    }

    // ---- the routing file --------------------------------------------------------------------------------

    @Test
    void aMappingThatCannotWorkIsRefusedWhenTheFileIsRead() {
        assertThatThrownBy(() -> ReasoningMap.read(parse("{\"control\":\"model\"}"), "models.yaml: model x"))
                .hasMessageContaining("models.yaml: model x").hasMessageContaining("reasoning.model");
        assertThatThrownBy(() -> ReasoningMap.read(parse("{\"control\":\"budget\",\"map\":{\"low\":\"lots\"}}"), "m"))
                .hasMessageContaining("reasoning.map.low");
        assertThatThrownBy(() -> ReasoningMap.read(parse("{\"control\":\"think\"}"), "m")).hasMessageContaining("think");
        assertThat(ReasoningMap.read(parse("{\"control\":\"budget\",\"map\":{\"high\":32000}}"), "m").budgetFor("high")).isEqualTo(32000);
    }

    private static JsonNode send(WireAdapter wire, String providerModel, String reasoning, String fields) {
        String body = fields.contains("\"messages\"") ? "{\"model\":\"m\"," + fields + "}"
                : "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]," + fields + "}";
        ObjectNode request = (ObjectNode) parse(body);
        String before = request.toString();
        ReasoningMap map = reasoning == null ? ReasoningMap.NONE : ReasoningMap.read(parse(reasoning), "test");
        Deployment deployment = new Deployment(new CatalogModel("catalog-model", "fast", "p", providerModel, BigDecimal.ONE,
                BigDecimal.TEN, null, 0, null, 64000, ModelKind.CHAT, null, map),
                new ProviderSettings("p", wire.wire(), "http://x", "k", "P_API_KEY"));
        JsonNode sent = parse(wire.request(OpenAiParams.clampMaxTokens(request, 64000), deployment, false).body());
        assertThat(request.toString()).as("the client's request is left alone").isEqualTo(before);
        return sent;
    }
}
