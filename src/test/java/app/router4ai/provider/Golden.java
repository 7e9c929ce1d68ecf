package app.router4ai.provider;

import app.router4ai.routing.CatalogModel;
import app.router4ai.routing.Deployment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.json.JSONException;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/** Golden-file plumbing shared by the wire adapter tests: fixtures, a fixed clock, exact JSON comparison. */
public final class Golden {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_750_000_000L), ZoneOffset.UTC);

    private Golden() {
    }

    public static Deployment deployment(Wire wire, String providerModel) {
        return new Deployment(
                new CatalogModel("catalog-model", "standard", wire.name().toLowerCase(), providerModel,
                        BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ZERO, 0L),
                new ProviderSettings(wire.name().toLowerCase(), wire, "http://x", "k", wire.name() + "_API_KEY"));
    }

    public static String text(String resource) {
        try (InputStream in = Golden.class.getResourceAsStream("/providers/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String resource) {
        return parse(text(resource));
    }

    public static ObjectNode object(String resource) {
        return (ObjectNode) json(resource);
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(byte[] json) {
        return parse(new String(json, StandardCharsets.UTF_8));
    }

    /** Feeds an SSE body through a translator, then ends it; the parts as JSON ("[DONE]", {"failure":...}). */
    public static ArrayNode translate(StreamTranslator translator, String sse) {
        ArrayNode out = JSON.createArrayNode();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)))) {
            for (SseReader.Event event = reader.next(); event != null; event = reader.next()) {
                translator.onEvent(event.name(), event.data()).forEach(part -> out.add(render(part)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        translator.onEnd().forEach(part -> out.add(render(part)));
        return out;
    }

    private static JsonNode render(StreamPart part) {
        return switch (part) {
            case StreamPart.Chunk chunk -> chunk.json();
            case StreamPart.Done done -> JSON.getNodeFactory().textNode("[DONE]");
            case StreamPart.Native event -> JSON.createObjectNode().put("native", event.event()).put("data", event.data());
            case StreamPart.Failure failure -> {
                ObjectNode node = JSON.createObjectNode();
                node.putObject("failure").put("message", failure.message()).put("type", failure.type()).put("code", failure.code());
                yield node;
            }
        };
    }

    /** Exact comparison: same fields, same values, same array order. */
    public static void assertJson(JsonNode expected, JsonNode actual) {
        try {
            JSONAssert.assertEquals(expected.toString(), actual.toString(), JSONCompareMode.STRICT);
        } catch (JSONException e) {
            throw new AssertionError(e);
        }
    }
}
