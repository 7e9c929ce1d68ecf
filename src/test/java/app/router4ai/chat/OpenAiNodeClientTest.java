package app.router4ai.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official {@code openai} npm package against the router, unchanged: a completion with {@code _ram},
 * a stream with usage, the error classes, the model list (src/test/node/client-check.mjs). Needs node and
 * npm; skipped with a message without them unless {@code ROUTER_REQUIRE_NODE=true} (CI).
 */
class OpenAiNodeClientTest extends RouterTest {

    @Test
    void theOfficialNodeClientWorksUnchanged() throws Exception {
        boolean required = "true".equalsIgnoreCase(System.getenv("ROUTER_REQUIRE_NODE"));
        boolean available = run(Path.of("."), 30, "node", "--version").exitCode == 0 && run(Path.of("."), 30, "npm", "--version").exitCode == 0;
        if (!required) {
            assumeTrue(available, "node and npm are not installed: the openai npm client test is skipped");
        }
        Path dir = Path.of("target", "node-client");
        Files.createDirectories(dir);
        for (String file : List.of("package.json", "package-lock.json", "client-check.mjs")) {
            Files.copy(Path.of("src/test/node", file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(dir.resolve("node_modules/openai"))) {
            Result install = run(dir, 300, "npm", "ci", "--no-audit", "--no-fund");
            assertThat(install.exitCode).as("npm ci: " + install.output).isZero();
        }
        TenantKey tenant = newTenantKey();
        Result check = run(dir, 120, "node", "client-check.mjs", baseUrl() + "/v1", tenant.key());
        assertThat(check.exitCode).as(check.output).isZero();
        String lastLine = check.output.strip().lines().reduce((a, b) -> b).orElse("{}");
        JsonNode seen = readJson(lastLine);

        assertThat(seen.get("content").asText()).isEqualTo("Hello there!");
        assertThat(seen.at("/ram/provider_used").asText()).isEqualTo("openai");
        assertThat(seen.get("streamText").asText()).isEqualTo("Hello there!");
        assertThat(seen.at("/streamUsage/total_tokens").asInt()).isEqualTo(32);
        assertThat(seen.at("/streamRam/request_id").asText()).isNotBlank();
        assertThat(seen.at("/unauthorized/class").asText()).isEqualTo("AuthenticationError");
        assertThat(seen.at("/unauthorized/status").asInt()).isEqualTo(401);
        assertThat(seen.at("/notFound/class").asText()).isEqualTo("NotFoundError");
        assertThat(seen.at("/notFound/code").asText()).isEqualTo("model_not_found");
        assertThat(seen.get("models")).hasSize(9);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path dir, int timeoutSeconds, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
