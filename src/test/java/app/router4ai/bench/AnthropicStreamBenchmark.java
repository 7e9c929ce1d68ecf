package app.router4ai.bench;

import app.router4ai.provider.ProviderSettings;
import app.router4ai.provider.SseReader;
import app.router4ai.provider.StreamPart;
import app.router4ai.provider.StreamTranslator;
import app.router4ai.provider.Wire;
import app.router4ai.provider.anthropic.AnthropicWire;
import app.router4ai.routing.CatalogModel;
import app.router4ai.routing.Deployment;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Anthropic's stream translator over the golden fixture {@code providers/anthropic/stream/text.sse}
 * (message_start, content_block_start, ping, 2 deltas, content_block_stop, message_delta, message_stop):
 * SSE parse + translation to OpenAI stream parts, per whole stream.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AnthropicStreamBenchmark {

    private static final Deployment ANTHROPIC = new Deployment(
            new CatalogModel("claude-haiku-4-5", "fast", "anthropic", "claude-haiku-4-5", new BigDecimal("1"), new BigDecimal("5"), null, 0),
            new ProviderSettings("anthropic", Wire.ANTHROPIC, "http://127.0.0.1:18080", "k", "ANTHROPIC_API_KEY"));

    private final AnthropicWire anthropicWire = new AnthropicWire(BenchFixtures.JSON);
    private final ObjectNode request = BenchFixtures.JSON.createObjectNode().put("model", "claude-haiku-4-5");
    private byte[] anthropicStream;

    @Setup
    public void setUp() throws IOException {
        try (InputStream in = AnthropicStreamBenchmark.class.getResourceAsStream("/providers/anthropic/stream/text.sse")) {
            anthropicStream = in.readAllBytes();
        }
    }

    @Benchmark
    public void anthropicTranslator(Blackhole bh) {
        StreamTranslator translator = anthropicWire.streamTranslator(request, ANTHROPIC);
        try (SseReader reader = new SseReader(new ByteArrayInputStream(anthropicStream))) {
            for (SseReader.Event event = reader.next(); event != null; event = reader.next()) {
                for (StreamPart part : translator.onEvent(event.name(), event.data())) {
                    bh.consume(part);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bh.consume(translator.onEnd());
    }
}
