package app.router4ai.provider.gemini;

import static app.router4ai.provider.Golden.JSON;
import static app.router4ai.provider.Golden.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.router4ai.provider.Golden;
import app.router4ai.provider.UnsupportedRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gemini generation parameters, tool_choice, and what cannot be expressed. */
class GeminiParameterTest {

    private final GeminiRequestMapper mapper = new GeminiRequestMapper(JSON);

    private static ObjectNode request(String extra) {
        return (ObjectNode) parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}");
    }

    @Test
    void jsonObjectAsksForJsonWithoutSchema() {
        ObjectNode body = mapper.map(request(",\"response_format\":{\"type\":\"json_object\"},\"stop\":\"END\",\"max_tokens\":9"), "gemini-2.5-flash");
        Golden.assertJson(parse("{\"responseMimeType\":\"application/json\",\"stopSequences\":[\"END\"],\"maxOutputTokens\":9}"),
                body.path("generationConfig"));
    }

    @Test
    void aJsonSchemaGoesAsSentToGemini25AndLater() {
        String format = ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":"
                + "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":[\"string\",\"null\"]}},\"additionalProperties\":false}}}";
        ObjectNode config = (ObjectNode) mapper.map(request(format), "gemini-2.5-flash").path("generationConfig");
        assertThat(config.at("/responseJsonSchema/properties/a/type")).hasSize(2);
        assertThat(config.has("responseSchema")).isFalse();
    }

    @Test
    void aJsonSchemaBecomesTheOpenApiSubsetForModelsBefore25() {
        String schema = """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
                 "properties":{"name":{"type":["string","null"]},"kind":{"const":"city"},
                               "home":{"$ref":"#/$defs/Place"},"tags":{"type":"array","items":{"anyOf":[{"type":"string"},{"type":"null"}]}}},
                 "required":["name"],
                 "$defs":{"Place":{"type":"object","properties":{"lat":{"type":"number"}},"additionalProperties":false}}}""";
        ObjectNode config = (ObjectNode) mapper.map(request(",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":"
                + schema + "}}"), "gemini-1.5-pro").path("generationConfig");
        Golden.assertJson(parse("""
                {"responseMimeType":"application/json","responseSchema":{"type":"object",
                 "properties":{"name":{"type":"string","nullable":true},"kind":{"enum":["city"]},
                               "home":{"type":"object","properties":{"lat":{"type":"number"}}},
                               "tags":{"type":"array","items":{"nullable":true,"type":"string"}}},
                 "required":["name"]}}"""), config);
    }

    @Test
    void toolParametersUseTheOpenApiSubsetForModelsBefore25() {
        String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":"
                + "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}},\"additionalProperties\":false}}}]";
        assertThat(mapper.map(request(tools), "gemini-2.0-flash").at("/tools/0/functionDeclarations/0/parameters"))
                .isEqualTo(parse("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}"));
        assertThat(mapper.map(request(tools), "gemini-2.5-flash").at("/tools/0/functionDeclarations/0/parametersJsonSchema/additionalProperties")
                .asBoolean(true)).isFalse();
    }

    @Test
    void noParametersNoGenerationConfig() {
        assertThat(mapper.map(request(""), "gemini-2.5-flash").has("generationConfig")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"auto\"     | {\"functionCallingConfig\":{\"mode\":\"AUTO\"}}",
            "\"none\"     | {\"functionCallingConfig\":{\"mode\":\"NONE\"}}",
            "\"required\" | {\"functionCallingConfig\":{\"mode\":\"ANY\"}}",
            "{\"type\":\"function\",\"function\":{\"name\":\"f\"}} | {\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"f\"]}}"})
    void mapsToolChoice(String choice, String expected) {
        Golden.assertJson(parse(expected), new GeminiToolMapper(JSON).toolConfig(parse(choice)));
    }

    @Test
    void rejectsLogprobs() {
        assertThatThrownBy(() -> mapper.map(request(",\"logprobs\":true"), "gemini-2.5-flash"))
                .isInstanceOfSatisfying(UnsupportedRequest.class, e -> assertThat(e.param()).isEqualTo("logprobs"));
    }

    @Test
    void rejectsToolResultWithoutItsCall() {
        ObjectNode request = (ObjectNode) parse("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_unknown\",\"content\":\"42\"}]}");
        assertThatThrownBy(() -> mapper.map(request, "gemini-2.5-flash"))
                .isInstanceOfSatisfying(UnsupportedRequest.class, e -> {
                    assertThat(e.param()).isEqualTo("messages[1].tool_call_id");
                    assertThat(e.getMessage()).contains("call_unknown");
                });
    }

    @Test
    void rejectsDataUrlThatIsNotBase64() {
        ObjectNode request = (ObjectNode) parse("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"data:image/svg+xml,<svg/>\"}}]}]}");
        assertThatThrownBy(() -> mapper.map(request, "gemini-2.5-flash"))
                .isInstanceOfSatisfying(UnsupportedRequest.class, e -> assertThat(e.param()).isEqualTo("messages[0].content[0].image_url.url"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://a.example/x.jpg, image/jpeg", "https://a.example/x.GIF#frag, image/gif",
            "https://a.example/x.heic?v=1, image/heic", "https://a.example/image, image/jpeg"})
    void guessesImageTypeFromExtension(String url, String mimeType) {
        assertThat(GeminiPartMapper.imageType(url)).isEqualTo(mimeType);
    }
}
