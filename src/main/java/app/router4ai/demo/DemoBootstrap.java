package app.router4ai.demo;

import app.router4ai.auth.ApiKeyFormat;
import app.router4ai.auth.ApiKeyService;
import app.router4ai.auth.KeyHasher;
import app.router4ai.tenant.TenantStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Try-it mode: one demo tenant and key per data directory, kept in {@code <data dir>/demo-key} (owner-only) so a
 * restart prints the same key, the README's first call reads it with {@code $(cat data/demo-key)}, and restarts do
 * not leave a trail of working keys. A key that no longer works (revoked, or the database was reset) is replaced.
 */
@Component
@Profile("demo")
class DemoBootstrap {

    static final String KEY_FILE = "demo-key";

    private final TenantStore tenants;
    private final ApiKeyService keys;
    private final KeyHasher hasher;
    private final Environment env;

    DemoBootstrap(TenantStore tenants, ApiKeyService keys, KeyHasher hasher, Environment env) {
        this.tenants = tenants;
        this.keys = keys;
        this.hasher = hasher;
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announceDemoKey() {
        Path file = Path.of(env.getProperty("router.data-dir", "./data")).resolve(KEY_FILE);
        String key = demoKey(file);
        String port = env.getProperty("local.server.port", "8080");
        // Printed, not logged: this key is meant to be copied from the console.
        System.out.printf("""

                ==== Router4AI demo mode: fake providers, no accounts needed ====
                Demo API key (kept in %s): %s
                Try it:
                  curl http://localhost:%s/v1/chat/completions -H "Authorization: Bearer %s" \\
                    -H "Content-Type: application/json" \\
                    -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}'
                =================================================================

                """, file, key, port, key);
    }

    /** The key in the file when it still works, otherwise a new tenant and key, written to the file. */
    String demoKey(Path file) {
        return stillWorking(file).orElseGet(() -> {
            String key = keys.create(tenants.create("Demo tenant", "demo@router4ai.invalid").id(), "demo").fullKey();
            write(file, key);
            return key;
        });
    }

    private Optional<String> stillWorking(Path file) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            String key = Files.readString(file).strip();
            ApiKeyFormat.Parsed parsed = ApiKeyFormat.parse(key);
            return Optional.ofNullable(parsed).flatMap(p -> keys.find(p.id()))
                    .filter(stored -> !stored.revoked() && hasher.verify(key, stored.hash())).map(stored -> key);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String key) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), KEY_FILE, ".tmp");
            if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temp, key + "\n");
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo key to " + file, e);
        }
    }
}
