package app.router4ai.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The operator's routing file ({@code router.catalog.location}, {@code classpath:models.yaml} by
 * default): models with tier, provider and prices; tier strategies; provider timeouts and breakers.
 * {@link #reload()} swaps in a new version only if the whole file is valid.
 */
@Component
public class ModelCatalog {

    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Resource location;
    private final AtomicReference<RoutingConfig> current = new AtomicReference<>();

    public ModelCatalog(@Value("${router.catalog.location:classpath:models.yaml}") Resource location) throws IOException {
        this.location = location;
        current.set(read());
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

    /** Re-reads the file; on any error the previous version keeps serving. True when the new version is in use. */
    public boolean reload() {
        try {
            RoutingConfig next = read();
            current.set(next);
            log.info("Routing file {} reloaded: {} models, tiers {}", location.getDescription(), next.models().size(),
                    next.tiers().keySet());
            return true;
        } catch (IOException | RuntimeException e) {
            log.error("Rejected the edit of routing file {}: {}. The previous version keeps serving.",
                    location.getDescription(), e.getMessage());
            return false;
        }
    }

    private RoutingConfig read() throws IOException {
        try (InputStream in = location.getInputStream()) {
            return RoutingConfig.parse(YAML.readTree(in), location.getDescription());
        }
    }
}
