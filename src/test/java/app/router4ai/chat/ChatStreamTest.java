package app.router4ai.chat;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.auth.Caller;
import app.router4ai.call.ApiCall;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.provider.ProviderSettings;
import app.router4ai.provider.Wire;
import app.router4ai.provider.openai.OpenAiWire;
import app.router4ai.routing.CatalogModel;
import app.router4ai.routing.Deployment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The books a stream keeps: where {@code _ram} goes, what is dropped, when billing fires. */
class ChatStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Deployment DEPLOYMENT = new Deployment(
            new CatalogModel("gpt-4o-mini", "fast", "openai", "gpt-4o-mini", new BigDecimal("0.15"), new BigDecimal("0.60"), null, 0),
            new ProviderSettings("openai", Wire.OPENAI, "http://x", "k", "OPENAI_API_KEY"));

    private final List<ApiCall> billed = new ArrayList<>();

    @Test
    void withoutUsageTheFinishChunkCarriesRamAndTheUsageChunkIsDropped() throws IOException {
        List<JsonNode> out = run(false, String.join("", OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("a", "b"), 10, 20)));

        assertThat(out).allSatisfy(c -> assertThat(c.get("choices")).isNotEmpty());
        assertThat(out.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(out.getLast().at("/_ram/cost_billed_cents_usd").decimalValue()).isEqualByComparingTo("0.00135");
        assertThat(billed).singleElement().satisfies(call -> assertThat(call.usage().totalTokens()).isEqualTo(30));
    }

    @Test
    void withUsageRamRidesOnTheUsageChunk() throws IOException {
        List<JsonNode> out = run(true, String.join("", OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("a"), 10, 20)));

        JsonNode last = out.getLast();
        assertThat(last.get("choices")).isEmpty();
        assertThat(last.at("/usage/total_tokens").asInt()).isEqualTo(30);
        assertThat(last.has("_ram")).isTrue();
        assertThat(out.subList(0, out.size() - 1)).noneMatch(c -> c.has("_ram"));
    }

    @Test
    void aStreamWithoutDoneEndsInAnErrorEventAndIsStillBilledOnce() throws IOException {
        List<String> events = OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("a", "b"), 10, 20);
        List<JsonNode> out = run(false, String.join("", events.subList(0, 2)));

        assertThat(out.getLast().at("/error/code").asText()).isEqualTo("stream_interrupted");
        assertThat(billed).singleElement().satisfies(call -> {
            // No usage from the provider: what it produced is estimated (the "a" it sent), not billed as nothing.
            assertThat(call.usage().completionTokens()).isEqualTo(1);
            assertThat(call.usage().promptTokens()).isPositive();
        });
    }

    @Test
    void closingEarlyBillsOnceAndOnlyOnce() throws IOException {
        ChatStream stream = stream(false, String.join("", OpenAiFixtures.streamEvents("gpt-4o-mini", List.of("a"), 1, 1)));
        stream.read(new byte[10]);
        stream.close();
        stream.close();
        assertThat(billed).hasSize(1);
    }

    private List<JsonNode> run(boolean wantsUsage, String upstream) throws IOException {
        String body;
        try (ChatStream stream = stream(wantsUsage, upstream)) {
            body = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<JsonNode> chunks = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                chunks.add(JSON.readTree(line.substring(6)));
            }
        }
        return chunks;
    }

    private ChatStream stream(boolean wantsUsage, String upstream) {
        ApiCall call = new ApiCall();
        ObjectNode request = JSON.createObjectNode().put("model", "gpt-4o-mini");
        request.putArray("messages").addObject().put("role", "user").put("content", "Hello there");
        call.parsed(request, "gpt-4o-mini", true, wantsUsage);
        call.caller(new Caller("t", "k"));
        call.attempt(DEPLOYMENT);
        InputStream in = new ByteArrayInputStream(upstream.getBytes(StandardCharsets.UTF_8));
        return new ChatStream(in, new OpenAiWire(JSON).streamTranslator(request, DEPLOYMENT),
                new ChatChunkEncoder(call, JSON), call, JSON,
                usage -> new app.router4ai.billing.CostCalculator().costCents(DEPLOYMENT.model(), usage), billed::add, null);
    }
}
