package app.router4ai.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A test's own copy of a routing file (from a test resource) on disk, which the test edits while the router watches it. */
public final class RoutingFileCopy {

    private final String resource;
    private final Path file;

    public RoutingFileCopy(String resource) {
        this.resource = resource;
        try {
            this.file = Files.createTempDirectory("router4ai-routing").resolve("models.yaml");
            Files.writeString(file, original());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the router reads it ({@code router.catalog.location} = {@code file:} + this). */
    public Path path() {
        return file;
    }

    /** The resource's text, as the test started from. */
    public String original() throws IOException {
        try (InputStream in = RoutingFileCopy.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Replaces the file at once (a rename), with a new modification time the watcher sees. */
    public void write(String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "catalog", ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // A second's resolution on some file systems: make each write visible as a change.
        file.toFile().setLastModified(System.currentTimeMillis() + (long) (Math.random() * 1000));
    }
}
