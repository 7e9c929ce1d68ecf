package app.router4ai.provider.gemini;

import static app.router4ai.provider.Golden.JSON;
import static app.router4ai.provider.Golden.assertJson;
import static app.router4ai.provider.Golden.deployment;
import static app.router4ai.provider.Golden.object;
import static app.router4ai.provider.Golden.parse;
import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.provider.Golden;
import app.router4ai.provider.UpstreamRequest;
import app.router4ai.provider.Wire;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenAI requests in, the exact Gemini GenerateContentRequest body out (golden files under providers/gemini/request). */
class GeminiRequestMappingTest {

    private final GeminiWire wire = new GeminiWire(JSON, Golden.CLOCK);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "text, gemini-2.5-flash",
            "images, gemini-2.5-flash",
            "tools, gemini-2.5-flash",
            "gemini3-named-tool-json-schema, gemini-3-pro-preview"})
    void mapsRequestBody(String fixture, String providerModel) {
        ObjectNode request = object("gemini/request/" + fixture + ".openai.json");
        String before = request.toString();

        UpstreamRequest upstream = wire.request(request, deployment(Wire.GEMINI, providerModel), false);

        assertJson(Golden.json("gemini/request/" + fixture + ".gemini.json"), parse(upstream.body()));
        assertThat(request.toString()).as("the client's request is left alone").isEqualTo(before);
    }

    @Test
    void postsToGenerateContentWithKeyHeader() {
        UpstreamRequest upstream = wire.request(object("gemini/request/text.openai.json"), deployment(Wire.GEMINI, "gemini-2.5-flash"), false);

        assertThat(upstream.url()).isEqualTo("http://x/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(upstream.headers()).isEqualTo(Map.of("x-goog-api-key", "k", "Accept", "application/json"));
    }

    @Test
    void streamingUsesStreamGenerateContentAsSse() {
        UpstreamRequest upstream = wire.request(object("gemini/request/text.openai.json"), deployment(Wire.GEMINI, "gemini-2.5-flash"), true);

        assertThat(upstream.url()).isEqualTo("http://x/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(upstream.headers()).containsEntry("Accept", "text/event-stream");
        assertThat(parse(upstream.body()).has("stream")).isFalse();
    }

    @Test
    void olderModelsGetNoSignatureSentinel() {
        UpstreamRequest upstream = wire.request(object("gemini/request/gemini3-named-tool-json-schema.openai.json"),
                deployment(Wire.GEMINI, "gemini-2.5-pro"), false);

        assertThat(parse(upstream.body()).at("/contents/1/parts/1").has("thoughtSignature")).isFalse();
    }
}
