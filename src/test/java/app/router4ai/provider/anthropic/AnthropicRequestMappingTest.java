package app.router4ai.provider.anthropic;

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

/** OpenAI requests in, the exact Anthropic Messages body out (golden files under providers/anthropic/request). */
class AnthropicRequestMappingTest {

    private final AnthropicWire wire = new AnthropicWire(JSON, Golden.CLOCK);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "text, claude-sonnet-4-5-20250929",
            "images, claude-sonnet-4-5-20250929",
            "tools, claude-sonnet-4-5-20250929",
            "json-object, claude-haiku-4-5"})
    void mapsRequestBody(String fixture, String providerModel) {
        ObjectNode request = object("anthropic/request/" + fixture + ".openai.json");
        String before = request.toString();

        UpstreamRequest upstream = wire.request(request, deployment(Wire.ANTHROPIC, providerModel), false);

        assertJson(Golden.json("anthropic/request/" + fixture + ".anthropic.json"), parse(upstream.body()));
        assertThat(request.toString()).as("the client's request is left alone").isEqualTo(before);
    }

    @Test
    void postsToMessagesWithKeyAndVersionHeaders() {
        UpstreamRequest upstream = wire.request(object("anthropic/request/text.openai.json"),
                deployment(Wire.ANTHROPIC, "claude-sonnet-4-5-20250929"), false);

        assertThat(upstream.url()).isEqualTo("http://x/v1/messages");
        assertThat(upstream.headers()).isEqualTo(Map.of(
                "x-api-key", "k", "anthropic-version", "2023-06-01", "Accept", "application/json"));
        assertThat(parse(upstream.body()).has("stream")).isFalse();
    }

    @Test
    void streamingAsksForAnEventStream() {
        UpstreamRequest upstream = wire.request(object("anthropic/request/text.openai.json"),
                deployment(Wire.ANTHROPIC, "claude-sonnet-4-5-20250929"), true);

        assertThat(upstream.headers()).containsEntry("Accept", "text/event-stream");
        assertThat(parse(upstream.body()).path("stream").asBoolean()).isTrue();
    }
}
