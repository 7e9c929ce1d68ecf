package app.router4ai.routing;

import app.router4ai.provider.ProviderSettings;
import app.router4ai.provider.Providers;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The operator's routing file ({@code router.catalog.location}, {@code classpath:models.yaml} by
 * default): providers, models with tier, deployments and prices; tiers and model groups; provider timeouts
 * and breakers. The four built-in providers ({@code router.providers}, from their environment variables) are
 * there without being listed. {@link #reload()} swaps in a new version only if the whole file is valid.
 */
@Component
public class ModelCatalog {

    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    /** Told of each new version before it serves (add what it needs) and after (remove what it no longer needs). */
    public interface Listener {
        void beforeServing(RoutingConfig next);

        void afterServing(RoutingConfig previous, RoutingConfig next);
    }

    private final Resource location;
    private final Map<String, ProviderSettings> builtIn;
    private final Function<String, String> environment;
    private final AtomicReference<RoutingConfig> current = new AtomicReference<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    @Autowired
    public ModelCatalog(@Value("${router.catalog.location:classpath:models.yaml}") Resource location, Providers providers,
                        Environment environment) throws IOException {
        this(location, providers.all(), environment::getProperty);
    }

    public ModelCatalog(Resource location, Map<String, ProviderSettings> builtIn, Function<String, String> environment)
            throws IOException {
        this.location = location;
        this.builtIn = Map.copyOf(builtIn);
        this.environment = environment;
        RoutingConfig first = read();
        current.set(first);
        first.providers().values().stream().filter(p -> !p.configured()).forEach(p ->
                log.warn("Provider {} is disabled: {}", p.name(), p.whyDisabled()));
    }

    public RoutingConfig current() {
        return current.get();
    }

    public Optional<CatalogModel> find(String id) {
        return Optional.ofNullable(current.get().models().get(id));
    }

    public Collection<CatalogModel> all() {
        return current.get().models().values();
    }

    public Resource location() {
        return location;
    }

    /** Registers a listener and brings it up to date with the version serving now. */
    public void listen(Listener listener) {
        listeners.add(listener);
        listener.beforeServing(current.get());
    }

    /** Re-reads the file; on any error the previous version keeps serving. True when the new version is in use. */
    public boolean reload() {
        long start = System.nanoTime();
        RoutingConfig next;
        try {
            next = read();
            listeners.forEach(l -> l.beforeServing(next));
        } catch (IOException | RuntimeException e) {
            log.error("Rejected the edit of routing file {}: {}. The previous version keeps serving.",
                    location.getDescription(), e.getMessage());
            return false;
        }
        RoutingConfig previous = current.getAndSet(next);
        listeners.forEach(l -> l.afterServing(previous, next));
        next.providers().values().stream().filter(p -> !p.configured() && !previous.providers().containsKey(p.name()))
                .forEach(p -> log.warn("Provider {} is disabled: {}", p.name(), p.whyDisabled()));
        log.info("Routing file {} reloaded in {} ms: {} providers, {} models, tiers {}", location.getDescription(),
                (System.nanoTime() - start) / 1_000_000, next.providers().size(), next.models().size(), next.tiers().keySet());
        return true;
    }

    private RoutingConfig read() throws IOException {
        byte[] text;
        try (InputStream in = location.getInputStream()) {
            text = in.readAllBytes();
        }
        return RoutingConfig.parse(YAML.readTree(text), location.getDescription(), YamlLines.of(text), builtIn, environment);
    }
}
