import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIGKILL drill: how much of the usage ledger an abrupt kill loses. Starts a fake OpenAI, then for each run a
 * router (its own H2 data directory) against it, sends chat load from many clients, kills the router with
 * SIGKILL mid-load, and compares the requests that were answered 200 with the rows in the ledger. A lost row's
 * window is the time from its answer to the kill; the run's window is the oldest lost answer's. Prints each run
 * and the largest window.
 *
 *   java -cp h2.jar bench/sigkill/SigkillDrill.java --router-cp CLASSPATH [--runs 5] [--clients 32] [--load-s 6]
 *        [--java java] [--router-opts "-Xmx512m -Drouter.ledger.flush-interval=200ms"] [--streams 0]
 *
 * bench/sigkill.sh builds the classpath and runs it.
 */
public class SigkillDrill {

    static final String ADMIN = "drill-admin-token";
    static final String ANSWER = """
            {"id":"chatcmpl-drill","object":"chat.completion","created":1732000000,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there!","refusal":null},
                         "logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new java.util.HashMap<>(Map.of("--runs", "5", "--clients", "32", "--load-s", "6",
                "--java", "java", "--router-opts", "-Xmx512m", "--streams", "0"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        if (!opts.containsKey("--router-cp")) {
            throw new IllegalArgumentException("--router-cp is required");
        }
        HttpServer fake = fakeOpenAi();
        int runs = Integer.parseInt(opts.get("--runs"));
        List<long[]> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long[] result = run(opts, fake.getAddress().getPort(), run);
            results.add(result);
        }
        fake.stop(0);
        long worst = results.stream().mapToLong(r -> r[2]).max().orElse(0);
        System.out.printf("%nmax lost window over %d runs: %d ms (answered-but-not-in-ledger rows: %s)%n", runs, worst,
                results.stream().map(r -> Long.toString(r[1])).toList());
    }

    /** One run: {answered, lost, lost window ms}. */
    static long[] run(Map<String, String> opts, int fakePort, int run) throws Exception {
        Path data = Files.createTempDirectory("r4a-sigkill-");
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(opts.get("--java"));
        command.addAll(List.of(opts.get("--router-opts").trim().split("\\s+")));
        command.addAll(List.of("-Dlogging.level.app.router4ai.billing.UsageLedger=DEBUG",
                "-Drouter.ratelimit.default-rps=1000000", "-Drouter.ratelimit.default-burst=1000000",
                "-Drouter.cache.enabled=false", "-Drouter.billing.trial.tokens=1000000000000",
                "-cp", opts.get("--router-cp"), "app.router4ai.Router4aiApplication"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("router.log").toFile());
        builder.environment().putAll(Map.of("PORT", Integer.toString(port), "ROUTER_DATA_DIR", data.toString(),
                "OPENAI_BASE_URL", "http://127.0.0.1:" + fakePort + "/v1", "OPENAI_API_KEY", "sk-drill",
                "ROUTER_ADMIN_TOKEN", ADMIN));
        Process router = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        String base = "http://127.0.0.1:" + port;
        awaitReady(http, base, router, data);
        String key = newKey(http, base);

        Map<String, Long> answered = new ConcurrentHashMap<>();
        int clients = Integer.parseInt(opts.get("--clients"));
        int streams = Integer.parseInt(opts.get("--streams"));
        List<Thread> load = new ArrayList<>();
        for (int c = 0; c < clients + streams; c++) {
            boolean stream = c >= clients;
            load.add(Thread.ofVirtual().start(() -> {
                String body = "{\"model\":\"gpt-4o-mini\"," + (stream ? "\"stream\":true," : "")
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        long at = System.currentTimeMillis();
                        if (response.statusCode() == 200 && (!stream || response.body().contains("[DONE]"))) {
                            response.headers().firstValue("x-request-id").ifPresent(id -> answered.put(id, at));
                        }
                    } catch (IOException e) {
                        if (!router.isAlive()) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        long loadMs = (long) (Double.parseDouble(opts.get("--load-s")) * 1000) + ThreadLocalRandom.current().nextLong(1000);
        Thread.sleep(loadMs);
        long killedAt = System.currentTimeMillis();
        router.destroyForcibly();   // SIGKILL on Linux
        router.waitFor();
        load.forEach(Thread::interrupt);
        for (Thread t : load) {
            t.join(5_000);
        }

        Set<String> ledger = new HashSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("router4ai"), "", "");   // the router's user
             ResultSet rs = db.createStatement().executeQuery("SELECT request_id FROM usage_records")) {
            while (rs.next()) {
                ledger.add(rs.getString(1));
            }
        }
        long lost = 0;
        long oldestLost = killedAt;
        for (var e : answered.entrySet()) {
            if (!ledger.contains(e.getKey())) {
                lost++;
                oldestLost = Math.min(oldestLost, e.getValue());
            }
        }
        long window = killedAt - oldestLost;
        long extra = ledger.stream().filter(id -> !answered.containsKey(id)).count();
        long[] commits = commits(data.resolve("router.log"));
        System.out.printf("run %d: %d answered in %d ms (%.0f/s), %d rows in the ledger, %d answered but not in the ledger,"
                        + " lost window %d ms (rows for answers the client never got: %d); ledger: %d commits, slowest %d ms,"
                        + " longest a row waited for its commit %d ms%n", run, answered.size(), loadMs,
                answered.size() * 1000.0 / loadMs, ledger.size(), lost, window, extra, commits[0], commits[1], commits[2]);
        deleteQuietly(data);
        return new long[] {answered.size(), lost, window};
    }

    /** From the router's DEBUG lines: {commits, slowest commit ms, longest a row waited from accepted to committed ms}. */
    static long[] commits(Path log) throws IOException {
        Pattern line = Pattern.compile("Committed \\d+ usage rows in (\\d+) ms; the oldest was accepted (\\d+) ms before");
        long[] result = new long[3];
        for (String text : Files.readAllLines(log)) {
            Matcher m = line.matcher(text);
            if (m.find()) {
                result[0]++;
                result[1] = Math.max(result[1], Long.parseLong(m.group(1)));
                result[2] = Math.max(result[2], Long.parseLong(m.group(2)));
            }
        }
        return result;
    }

    static HttpServer fakeOpenAi() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
        byte[] stream = ("data: {\"id\":\"chatcmpl-drill\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
                + "data: {\"id\":\"chatcmpl-drill\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"id\":\"chatcmpl-drill\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}\n\ndata: [DONE]\n\n")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean sse = new String(body, StandardCharsets.UTF_8).contains("\"stream\":true");
            exchange.getResponseHeaders().add("Content-Type", sse ? "text/event-stream" : "application/json");
            byte[] out = sse ? stream : answer;
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        return server;
    }

    static void awaitReady(HttpClient http, String base, Process router, Path data) throws Exception {
        long deadline = System.currentTimeMillis() + 400_000;
        while (System.currentTimeMillis() < deadline) {
            if (!router.isAlive()) {
                throw new IllegalStateException("router exited; see " + data.resolve("router.log"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("router not ready in 400 s");
    }

    static String newKey(HttpClient http, String base) throws Exception {
        String tenant = field(post(http, base + "/admin/v1/tenants", "{\"name\":\"Drill\",\"email\":\"drill@example.test\"}"), "id");
        return field(post(http, base + "/admin/v1/tenants/" + tenant + "/keys", "{\"name\":\"drill\"}"), "key");
    }

    static String post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(url + " → " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir
        }
    }
}
