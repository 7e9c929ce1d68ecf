package app.router4ai.bench;

import app.router4ai.auth.Caller;
import app.router4ai.billing.CostCalculator;
import app.router4ai.call.ApiCall;
import app.router4ai.chat.ChatChunkEncoder;
import app.router4ai.chat.ChatStream;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.provider.ProviderSettings;
import app.router4ai.provider.Wire;
import app.router4ai.provider.openai.OpenAiWire;
import app.router4ai.routing.CatalogModel;
import app.router4ai.routing.Deployment;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Stream chunk mapping, per whole stream: {@link ChatStream} over a 12-event OpenAI stream (role chunk,
 * 8 content chunks, finish, usage, [DONE]) read from memory, with and without the client asking for
 * usage (without: the finish chunk is held until usage is known). Anthropic: {@link AnthropicStreamBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StreamBenchmark {

    private static final Deployment OPENAI = new Deployment(
            new CatalogModel("gpt-4o-mini", "fast", "openai", "gpt-4o-mini", new BigDecimal("0.15"), new BigDecimal("0.60"), null, 0),
            new ProviderSettings("openai", Wire.OPENAI, "http://127.0.0.1:18080/v1", "k", "OPENAI_API_KEY"));

    @Param({"true", "false"})
    public boolean includeUsage;

    private byte[] openAiStream;
    private final byte[] buffer = new byte[8192];
    private final OpenAiWire openAiWire = new OpenAiWire(BenchFixtures.JSON);
    private final CostCalculator costs = new CostCalculator();
    private final ObjectNode request = BenchFixtures.JSON.createObjectNode().put("model", "gpt-4o-mini");

    @Setup
    public void setUp() throws IOException {
        List<String> events = OpenAiFixtures.streamEvents("gpt-4o-mini",
                List.of("Hello", "!", " How", " can", " I", " help", " you", " today?"), 12, 9);
        if (events.size() != 12) {
            throw new IllegalStateException("expected 12 events, got " + events.size());
        }
        openAiStream = String.join("", events).getBytes(StandardCharsets.UTF_8);
    }

    /** Everything the router does to a streamed OpenAI answer between the upstream socket and the client's. */
    @Benchmark
    public int chatStreamOpenAi() throws IOException {
        ApiCall call = new ApiCall();
        call.parsed(request, "gpt-4o-mini", true, includeUsage);
        call.caller(new Caller("ten_bench", "key_bench"));
        call.attempt(OPENAI);
        int total = 0;
        try (ChatStream stream = new ChatStream(new ByteArrayInputStream(openAiStream),
                openAiWire.streamTranslator(request, OPENAI), new ChatChunkEncoder(call, BenchFixtures.JSON), call,
                BenchFixtures.JSON, usage -> costs.costCents(OPENAI.model(), usage), finished -> { }, null)) {
            for (int n; (n = stream.read(buffer, 0, buffer.length)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }
}
