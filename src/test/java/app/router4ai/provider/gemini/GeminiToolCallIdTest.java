package app.router4ai.provider.gemini;

import static app.router4ai.provider.Golden.JSON;
import static app.router4ai.provider.Golden.deployment;
import static app.router4ai.provider.Golden.parse;
import static app.router4ai.provider.Golden.translate;
import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.GeminiFixtures;
import app.router4ai.provider.Golden;
import app.router4ai.provider.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Gemini sends no call ids: minted ones must be stable within a response and find their way back. */
class GeminiToolCallIdTest {

    private final GeminiWire wire = new GeminiWire(JSON, Golden.CLOCK);

    @Test
    void streamedAndUnstreamedRenderingsAgree() {
        JsonNode completion = wire.response(parse(GeminiFixtures.functionCallResponse("r-1", "gemini-2.5-flash", "lookup", "{\"q\":1}", 3, 4)),
                deployment(Wire.GEMINI, "gemini-2.5-flash"));
        ArrayNode parts = translate(wire.streamTranslator(JSON.createObjectNode(), deployment(Wire.GEMINI, "gemini-2.5-flash")),
                GeminiFixtures.functionCallStream("r-1", "gemini-2.5-flash", "lookup", "{\"q\":1}", 3, 4));

        String id = completion.at("/choices/0/message/tool_calls/0/id").asText();
        assertThat(id).startsWith("call_").hasSize(29);
        assertThat(parts.get(0).at("/choices/0/delta/tool_calls/0/id").asText()).isEqualTo(id);
    }

    @Test
    void differentResponsesGetDifferentIds() {
        assertThat(GeminiToolCallIds.idFor(null, "r-1", 0, 0, "lookup")).isNotEqualTo(GeminiToolCallIds.idFor(null, "r-2", 0, 0, "lookup"));
        assertThat(GeminiToolCallIds.idFor(null, "r-1", 0, 0, "lookup")).isEqualTo(GeminiToolCallIds.idFor(null, "r-1", 0, 0, "lookup"));
    }

    @Test
    void keepsAnIdGeminiSent() {
        assertThat(GeminiToolCallIds.idFor("fc-7", "r-1", 0, 0, "lookup")).isEqualTo("fc-7");
    }

    @Test
    void mintedIdRoundTripsToTheFunctionName() {
        JsonNode completion = wire.response(parse(GeminiFixtures.functionCallResponse("r-9", "gemini-2.5-flash", "lookup", "{\"q\":1}", 3, 4)),
                deployment(Wire.GEMINI, "gemini-2.5-flash"));
        JsonNode assistant = completion.at("/choices/0/message");
        ObjectNode request = JSON.createObjectNode();
        request.putArray("messages")
                .add(JSON.createObjectNode().put("role", "user").put("content", "q?"))
                .add(assistant)
                .add(JSON.createObjectNode().put("role", "tool").put("tool_call_id", assistant.at("/tool_calls/0/id").asText()).put("content", "1"));

        JsonNode body = parse(wire.request(request, deployment(Wire.GEMINI, "gemini-2.5-flash"), false).body());

        assertThat(body.at("/contents/1/parts/0/functionCall/name").asText()).isEqualTo("lookup");
        assertThat(body.at("/contents/2/parts/0/functionResponse/name").asText()).isEqualTo("lookup");
        assertThat(body.at("/contents/2/parts/0/functionResponse/response/output").asText()).isEqualTo("1");
    }
}
