package app.router4ai.routing;

import java.io.File;
import java.io.IOException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Applies edits of a routing file on disk without a restart: checks its modification time every few seconds. */
@Component
public class CatalogWatcher {

    private final ModelCatalog catalog;
    private long lastModified = -1;

    public CatalogWatcher(ModelCatalog catalog) {
        this.catalog = catalog;
        this.lastModified = modified();
    }

    @Scheduled(fixedDelayString = "${router.catalog.watch-interval:2s}")
    public void check() {
        long now = modified();
        if (now > 0 && now != lastModified) {
            lastModified = now;
            catalog.reload();
        }
    }

    private long modified() {
        if (!catalog.location().isFile()) {
            return -1;
        }
        try {
            File file = catalog.location().getFile();
            return file.lastModified();
        } catch (IOException e) {
            return -1;
        }
    }
}
