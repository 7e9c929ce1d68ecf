package app.router4ai.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A provider on a local port, for tests: records every request it gets and answers with what the test
 * scripted (queued answers first, then the default answerer). It can delay, space events, send any
 * status or malformed body, and cut a stream mid-way. Wire formats live in the fixtures classes
 * ({@link OpenAiFixtures}); this class only speaks HTTP.
 */
public final class FakeProvider implements AutoCloseable {

    /** One request as the provider saw it. Header names are lower-case. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body, long atNanos) {

        public Received(String method, String path, Map<String, String> headers, byte[] body) {
            this(method, path, headers, body, System.nanoTime());
        }

        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> gone = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<FakeResponse> queued = new ConcurrentLinkedDeque<>();
    private volatile Function<Received, FakeResponse> answerer;

    public FakeProvider(Function<Received, FakeResponse> defaultAnswerer) {
        this.answerer = defaultAnswerer;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return received;
    }

    /** Requests whose caller went away before their answer was written (a write to the connection failed). */
    public List<Received> gone() {
        return gone;
    }

    public Received last() {
        return received.getLast();
    }

    /** The next request gets this answer (answers queue up in order). */
    public FakeProvider enqueue(FakeResponse response) {
        queued.add(response);
        return this;
    }

    public void answerWith(Function<Received, FakeResponse> answerer) {
        this.answerer = answerer;
    }

    public void reset(Function<Received, FakeResponse> defaultAnswerer) {
        queued.clear();
        received.clear();
        gone.clear();
        this.answerer = defaultAnswerer;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                exchange.getRequestBody().readAllBytes());
        received.add(request);
        FakeResponse response = queued.poll();
        if (response == null) {
            response = answerer.apply(request);
        }
        if (response.status() == FakeResponse.DROPPED) {
            // Thrown before the status line, the server closes the connection: the caller sees no response at all.
            throw new IOException("fake provider dropped the connection");
        }
        try {
            sleep(response.delayMs());
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            boolean cut = response.cutAfter() >= 0;
            long total = response.pieces().stream().mapToLong(p -> p.length).sum();
            // A cut body promises more bytes than it sends, so the reader sees the connection break.
            long length = cut ? total + 4096 : response.pieces().size() > 1 ? 0 : total == 0 ? -1 : total;
            exchange.sendResponseHeaders(response.status(), length);
            OutputStream out = exchange.getResponseBody();
            int sent = 0;
            if (response.pauseAfter() == 0) {
                sleep(response.pauseMs());
            }
            for (byte[] piece : response.pieces()) {
                if (cut && sent == response.cutAfter()) {
                    break;
                }
                if (sent > 0) {
                    sleep(response.spacingMs());
                }
                out.write(piece);
                out.flush();
                sent++;
                if (sent == response.pauseAfter()) {
                    sleep(response.pauseMs());
                }
            }
            if (cut) {
                // Thrown out of the handler, the server drops the connection mid-body.
                throw new IOException("fake provider cut the stream");
            }
            out.close();
        } catch (IOException e) {
            if (!"fake provider cut the stream".equals(e.getMessage())) {
                gone.add(request);
            }
            throw e;
        } finally {
            exchange.close();
        }
    }

    private static void sleep(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
