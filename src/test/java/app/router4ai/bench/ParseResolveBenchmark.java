package app.router4ai.bench;

import app.router4ai.call.ApiCall;
import app.router4ai.chat.ChatParameterCheck;
import app.router4ai.chat.ChatRequestParser;
import app.router4ai.chat.RequestLimits;
import app.router4ai.provider.ProviderHealth;
import app.router4ai.provider.ProviderSettings;
import app.router4ai.provider.Wire;
import app.router4ai.provider.WireAdapters;
import app.router4ai.provider.anthropic.AnthropicWire;
import app.router4ai.provider.gemini.GeminiWire;
import app.router4ai.provider.openai.OpenAiWire;
import app.router4ai.routing.CandidateOrder;
import app.router4ai.routing.DeploymentLoad;
import app.router4ai.routing.DeploymentOrder;
import app.router4ai.routing.ModelCatalog;
import app.router4ai.routing.ModelResolver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/**
 * The request parse (the kit's 220-byte body) and the model resolution with the shipped catalog
 * (models.yaml): tier fast, affinity, OpenAI configured as in the bench (the other providers have no key,
 * so they are dropped from the candidates, which is also what the end-to-end bench does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParseResolveBenchmark {

    private ChatRequestParser parser;
    private ModelResolver resolver;
    private Exchange parsed;

    @Setup
    public void setUp() throws IOException {
        parser = new ChatRequestParser(BenchFixtures.JSON, new RequestLimits(DataSize.ofMegabytes(4)), new ChatParameterCheck());
        Map<String, ProviderSettings> providers = Map.of(
                "openai", new ProviderSettings("openai", Wire.OPENAI, "http://127.0.0.1:18080/v1", "sk-bench", "OPENAI_API_KEY"),
                "anthropic", new ProviderSettings("anthropic", Wire.ANTHROPIC, "http://127.0.0.1:18080", "", "ANTHROPIC_API_KEY"),
                "gemini", new ProviderSettings("gemini", Wire.GEMINI, "http://127.0.0.1:18080", "", "GEMINI_API_KEY"),
                "deepseek", new ProviderSettings("deepseek", Wire.OPENAI, "http://127.0.0.1:18080/v1", "", "DEEPSEEK_API_KEY"));
        ModelCatalog catalog = new ModelCatalog(new ClassPathResource("models.yaml"), providers, name -> null);
        WireAdapters adapters = new WireAdapters(List.of(new OpenAiWire(BenchFixtures.JSON),
                new AnthropicWire(BenchFixtures.JSON), new GeminiWire(BenchFixtures.JSON)));
        ProviderHealth health = new ProviderHealth(catalog, new SimpleMeterRegistry());
        resolver = new ModelResolver(catalog, adapters, new CandidateOrder(health),
                new DeploymentOrder(health, new DeploymentLoad()));
        parsed = BenchFixtures.exchange();
        parsed.getMessage().setBody(BenchFixtures.CHAT_BODY);
        parser.process(parsed);
    }

    /** Baseline of the two below: a Camel exchange and a ApiCall (its UUID request id included). */
    @Benchmark
    public Exchange newExchangeBaseline() {
        return BenchFixtures.exchange();
    }

    @Benchmark
    public Object parse() {
        Exchange exchange = BenchFixtures.exchange();
        exchange.getMessage().setBody(BenchFixtures.CHAT_BODY);
        parser.process(exchange);
        return exchange.getProperty(ApiCall.PROPERTY);
    }

    /** Resolution alone on an already parsed request (gpt-4o-mini → tier fast → [openai]). */
    @Benchmark
    public Object resolve() {
        resolver.process(parsed);
        return parsed.getProperty(ApiCall.PROPERTY);
    }

    @Benchmark
    public Object parseAndResolve() {
        Exchange exchange = BenchFixtures.exchange();
        exchange.getMessage().setBody(BenchFixtures.CHAT_BODY);
        parser.process(exchange);
        resolver.process(exchange);
        return exchange.getProperty(ApiCall.PROPERTY);
    }
}
