package app.router4ai.responses;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.NodeClients;
import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Codex CLI ({@code @openai/codex}, {@code codex exec}) with the router as a custom provider on the Responses API:
 * the whole agent turn (its developer prompt, its tools, streamed) through the router to the OpenAI fake and back.
 * Opt-in ({@code ROUTER_TEST_CODEX=true}): the npm package carries a native binary of some 400 MB, installed into
 * target/codex-cli on first use.
 */
@EnabledIfEnvironmentVariable(named = "ROUTER_TEST_CODEX", matches = "true")
class CodexCliTest extends RouterTest {

    static final String VERSION = "0.169.0";

    @Test
    void codexExecAnswersThroughTheRouter() throws Exception {
        Path dir = Path.of("target", "codex-cli");
        Files.createDirectories(dir);
        Path codex = dir.resolve("node_modules/.bin/codex");
        if (!Files.exists(codex)) {
            NodeClients.Result install = NodeClients.run(dir, 900, java.util.Map.of(), "npm", "install", "--no-audit", "--no-fund", "--prefix", ".",
                    "@openai/codex@" + VERSION);
            assertThat(install.exitCode()).as(install.output()).isZero();
        }
        Path home = Files.createTempDirectory("codex-home");
        Files.writeString(home.resolve("config.toml"), """
                model = "gpt-4o-mini"
                model_provider = "router"

                [model_providers.router]
                name = "Router4AI"
                base_url = "%s/v1"
                env_key = "ROUTER4AI_KEY"
                wire_api = "responses"
                """.formatted(baseUrl()));
        Path work = Files.createTempDirectory("codex-work");
        ProcessBuilder builder = new ProcessBuilder(codex.toAbsolutePath().toString(), "exec", "--skip-git-repo-check",
                "--sandbox", "read-only", "Say hello").directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("CODEX_HOME", home.toString());
        builder.environment().put("ROUTER4AI_KEY", newTenantKey().key());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String printed = new String(output);

        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed).contains("Hello there!");
        JsonNode sent = OPENAI.last().json();
        assertThat(OPENAI.last().path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.get("stream").asBoolean()).isTrue();
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.get("messages").toString()).contains("Say hello");
        System.out.println("Codex " + VERSION + " → provider: tools " + sent.path("tools").findValuesAsText("name")
                + ", roles " + sent.get("messages").findValuesAsText("role") + "; printed: " + printed.strip());
    }
}
