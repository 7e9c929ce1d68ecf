package app.router4ai.startup;

import app.router4ai.Router4aiApplication;
import app.router4ai.auth.ApiKeyService;
import app.router4ai.tenant.TenantStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The training run behind the packaged app's AOT cache ({@code pom.xml}, profile {@code aot-cache}). The JDK's AOT
 * cache holds the classes a run loaded and linked, and their profiles, written when the JVM exits. Stopping right
 * after the context refresh ({@code spring.context.exit=onRefresh}) would leave out Jetty's and Camel's start and
 * every class a request needs, so the first request would load them. This run starts the router completely in demo
 * mode (providers answered by the router itself, so nothing leaves the machine), sends what a first user sends
 * (health, models, chat in each wire format streamed and not, Anthropic's Messages API, a wrong key, the dashboard's
 * sign-in page) and exits.
 */
@Component
@ConditionalOnProperty(name = "router.aot-training", havingValue = "true")
public class TrainingRun {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);
    private static final String CHAT = """
            {"model":"%s","messages":[{"role":"user","content":"Hello"}]%s}""";
    private static final String MESSAGES = """
            {"model":"%s","max_tokens":64,"messages":[{"role":"user","content":"Hello"}]%s}""";

    private final TenantStore tenants;
    private final ApiKeyService keys;

    TrainingRun(TenantStore tenants, ApiKeyService keys) {
        this.tenants = tenants;
        this.keys = keys;
    }

    /**
     * A throw-away H2 database and nothing from the shell's environment that would reach out (Redis, Stripe):
     * system properties win over it. Demo mode's providers are addressed by the router's own port, so the port is
     * chosen before the start.
     */
    public static void main(String[] args) throws IOException {
        Path data = Files.createTempDirectory("router4ai-aot-training");
        try (ServerSocket free = new ServerSocket(0)) {
            System.setProperty("server.port", String.valueOf(free.getLocalPort()));
        }
        System.setProperty("router.aot-training", "true");
        System.setProperty("spring.profiles.active", "demo");
        System.setProperty("router.data-dir", data.toString());
        System.setProperty("spring.datasource.url", "jdbc:h2:file:" + data.resolve("router4ai"));
        System.setProperty("spring.datasource.username", "sa");
        System.setProperty("spring.datasource.password", "");
        System.setProperty("spring.data.redis.url", "");
        System.setProperty("spring.data.redis.host", "");
        System.setProperty("router.billing.stripe.api-key", "");
        System.setProperty("logging.level.root", "WARN");
        System.setProperty("logging.level.app.router4ai.startup", "INFO");
        System.setProperty("spring.main.banner-mode", "off");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(data.toFile())));
        Router4aiApplication.main(args);
    }

    @EventListener
    void trainAndExit(ApplicationReadyEvent ready) {
        ApplicationContext context = ready.getApplicationContext();
        String port = context.getEnvironment().getProperty("local.server.port", "8080");
        String key = keys.create(tenants.create("AOT training", "aot-training@router4ai.invalid").id(), "training")
                .fullKey();
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            Requests requests = new Requests(http, "http://127.0.0.1:" + port, key, statuses);
            for (int round = 0; round < 3; round++) {
                requests.send();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("AOT training requests stopped early: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Says when a change left the training on error paths only (then the first real request loads the rest).
        log.info("AOT training run done (answers by status: {}); the JVM writes the cache as it exits", statuses);
        System.exit(SpringApplication.exit(context));
    }

    private record Requests(HttpClient http, String base, String key, Map<Integer, Integer> statuses) {

        void send() throws IOException, InterruptedException {
            for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                    "/login", "/favicon.ico")) {
                call(HttpRequest.newBuilder(URI.create(base + path)));
            }
            call(withKey(key, "/v1/models"));
            for (String model : List.of("gpt-4o-mini", "claude-haiku-4-5", "gemini-1.5-flash")) {
                call(chat(key, model, ""));
                call(chat(key, model, ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
            }
            call(chat("ram_live_aottraining0000_wrong", "gpt-4o-mini", ""));
            for (String model : List.of("claude-haiku-4-5", "gpt-4o-mini")) {   // passed through, translated
                call(messages(model, ""));
                call(messages(model, ",\"stream\":true"));
            }
        }

        /** Anthropic's Messages API, as Claude Code and Anthropic's SDKs call it. */
        private HttpRequest.Builder messages(String model, String extra) {
            return HttpRequest.newBuilder(URI.create(base + "/v1/messages")).header("x-api-key", key)
                    .header("anthropic-version", "2023-06-01").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(MESSAGES.formatted(model, extra)));
        }

        private HttpRequest.Builder chat(String bearer, String model, String extra) {
            return withKey(bearer, "/v1/chat/completions")
                    .POST(HttpRequest.BodyPublishers.ofString(CHAT.formatted(model, extra)));
        }

        private HttpRequest.Builder withKey(String bearer, String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/json");
        }

        private void call(HttpRequest.Builder request) throws IOException, InterruptedException {
            int status = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            statuses.merge(status, 1, Integer::sum);
        }
    }
}
