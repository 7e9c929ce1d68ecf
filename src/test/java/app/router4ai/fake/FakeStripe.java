package app.router4ai.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe on a local port, for tests: the endpoints the router uses (customers, Checkout Sessions, Billing Portal
 * sessions, meter events), reading Stripe's request encoding (form-encoded, nested keys such as
 * {@code line_items[0][price]}, kept flat here) and answering with the response shapes of Stripe's API
 * reference. Like Stripe, it replays the first answer for a repeated {@code Idempotency-Key} and refuses a
 * second meter event with the same identifier. It can be told to fail (500s, hangs past the client's timeout,
 * or accepting then hanging — the answer lost), and it signs and sends webhooks as Stripe does
 * ({@code Stripe-Signature: t=...,v1=HMAC-SHA256(secret, "t.body")}).
 * With {@link #hostPages(boolean)} the Checkout and Portal URLs it hands out point at pages it serves itself,
 * so a browser sent there by the dashboard lands somewhere (offline) and the test can see where.
 */
public final class FakeStripe implements AutoCloseable {

    public enum Failure { NONE, SERVER_ERROR, HANG, ACCEPT_THEN_HANG }

    /** One request as received: path, headers (lower-case) and the decoded form fields. */
    public record Received(String path, Map<String, String> headers, Map<String, String> form) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> idempotentAnswers = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> meterEvents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> meterEventCreations = new ConcurrentHashMap<>();
    private final AtomicInteger failedCalls = new AtomicInteger();
    private final AtomicInteger duplicateIdentifiers = new AtomicInteger();
    private final AtomicInteger replays = new AtomicInteger();
    private volatile Failure failure = Failure.NONE;
    private volatile long hangMs = 3_000;
    private volatile boolean hostPages;

    public FakeStripe() {
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

    public void fail(Failure failure) {
        this.failure = failure;
    }

    public void hangFor(long ms) {
        this.hangMs = ms;
    }

    /** Checkout and Portal URLs on this server ({@code /c/pay/cs_test_...}, {@code /p/session/...}) instead of Stripe's. */
    public void hostPages(boolean onThisServer) {
        this.hostPages = onThisServer;
    }

    public void reset() {
        failure = Failure.NONE;
        hostPages = false;
        received.clear();
        idempotentAnswers.clear();
        meterEvents.clear();
        meterEventCreations.clear();
        failedCalls.set(0);
        duplicateIdentifiers.set(0);
        replays.set(0);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Meter events Stripe holds, by identifier. */
    public Map<String, ObjectNode> meterEvents() {
        return meterEvents;
    }

    /** How many times each identifier was created (1 each, when nothing was counted twice). */
    public Map<String, AtomicInteger> meterEventCreations() {
        return meterEventCreations;
    }

    public int failedCalls() {
        return failedCalls.get();
    }

    public int duplicateIdentifiers() {
        return duplicateIdentifiers.get();
    }

    public int replays() {
        return replays.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            Map<String, String> form = decodeForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && (path.startsWith("/c/pay/") || path.startsWith("/p/session/"))) {
                hostedPage(exchange, path);
                return;
            }
            received.add(new Received(path, headers, form));
            if (!headers.getOrDefault("authorization", "").startsWith("Bearer sk_")) {
                answer(exchange, 401, error("invalid_request_error", null, null, "Invalid API Key provided."));
                return;
            }
            Failure now = failure;
            if (now == Failure.SERVER_ERROR || now == Failure.HANG) {
                failedCalls.incrementAndGet();
                if (now == Failure.HANG) {
                    sleep(hangMs);
                }
                answer(exchange, 500, error("api_error", null, null, "An unknown error occurred."));
                return;
            }
            String key = headers.get("idempotency-key");
            byte[] replay = key == null ? null : idempotentAnswers.get(key);
            if (replay != null) {
                replays.incrementAndGet();
                exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
                answer(exchange, 200, replay);
                return;
            }
            Answer answer = route(path, form);
            if (key != null && answer.status() == 200) {
                idempotentAnswers.put(key, answer.body());
            }
            if (now == Failure.ACCEPT_THEN_HANG) {
                failedCalls.incrementAndGet();
                sleep(hangMs); // done on Stripe's side, the answer never arrives in time
            }
            answer(exchange, answer.status(), answer.body());
        }
    }

    private record Answer(int status, byte[] body) {
    }

    private Answer route(String path, Map<String, String> form) throws IOException {
        long created = Instant.now().getEpochSecond();
        ObjectNode body = JSON.createObjectNode();
        switch (path) {
            case "/v1/customers" -> {
                body.put("id", "cus_" + shortId()).put("object", "customer").put("created", created)
                        .put("email", form.get("email")).put("name", form.get("name")).put("livemode", false);
                body.set("metadata", nested(form, "metadata"));
            }
            case "/v1/checkout/sessions" -> {
                String id = "cs_test_" + shortId();
                body.put("id", id).put("object", "checkout.session").put("created", created)
                        .put("mode", form.get("mode")).put("customer", form.get("customer"))
                        .put("client_reference_id", form.get("client_reference_id")).put("status", "open")
                        .put("success_url", form.get("success_url")).put("cancel_url", form.get("cancel_url"))
                        .put("url", (hostPages ? url() : "https://checkout.stripe.com") + "/c/pay/" + id).put("livemode", false);
                body.set("metadata", nested(form, "metadata"));
            }
            case "/v1/billing_portal/sessions" -> body.put("id", "bps_" + shortId()).put("object", "billing_portal.session")
                    .put("created", created).put("customer", form.get("customer")).put("return_url", form.get("return_url"))
                    .put("url", (hostPages ? url() : "https://billing.stripe.com") + "/p/session/test_" + shortId())
                    .put("livemode", false);
            case "/v1/billing/meter_events" -> {
                String identifier = form.get("identifier");
                body.put("object", "billing.meter_event").put("created", created).put("event_name", form.get("event_name"))
                        .put("identifier", identifier).put("livemode", false)
                        .put("timestamp", Long.parseLong(form.getOrDefault("timestamp", Long.toString(created))));
                body.set("payload", nested(form, "payload"));
                if (meterEvents.putIfAbsent(identifier, body) != null) {
                    duplicateIdentifiers.incrementAndGet();
                    return new Answer(400, error("invalid_request_error", "resource_already_exists", "identifier",
                            "An event with identifier " + identifier + " already exists."));
                }
                meterEventCreations.computeIfAbsent(identifier, k -> new AtomicInteger()).incrementAndGet();
            }
            default -> {
                return new Answer(404, error("invalid_request_error", "resource_missing", null, "Unrecognized request URL (POST: " + path + ")."));
            }
        }
        return new Answer(200, JSON.writeValueAsBytes(body));
    }

    /** {@code prefix[a]=1&prefix[b]=2} → {"a":"1","b":"2"}. */
    private static ObjectNode nested(Map<String, String> form, String prefix) {
        ObjectNode node = JSON.createObjectNode();
        form.forEach((k, v) -> {
            if (k.startsWith(prefix + "[") && k.endsWith("]") && k.indexOf('[', prefix.length() + 1) < 0) {
                node.put(k.substring(prefix.length() + 1, k.length() - 1), v);
            }
        });
        return node;
    }

    private static Map<String, String> decodeForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (!body.isEmpty()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.put(k, v);
            }
        }
        return form;
    }

    private static byte[] error(String type, String code, String param, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode e = root.putObject("error").put("type", type).put("message", message);
        if (code != null) {
            e.put("code", code);
        }
        if (param != null) {
            e.put("param", param);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The page a browser lands on at a hosted Checkout or Portal URL. */
    private static void hostedPage(HttpExchange exchange, String path) throws IOException {
        String what = path.startsWith("/c/pay/") ? "Checkout" : "Customer Portal";
        String id = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_]", "");
        byte[] html = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Fake Stripe " + what
                + "</title></head><body><h1 id=\"fake-stripe\">Fake Stripe " + what + "</h1><p id=\"session\">" + id
                + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, html.length);
        exchange.getResponseBody().write(html);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-Id", "req_" + shortId());
        try {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException clientGone) {
            // the client timed out first
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- webhooks -------------------------------------------------------------------------------------

    /** A Stripe event envelope around {@code object}. */
    public static ObjectNode event(String type, ObjectNode object, Instant created) {
        ObjectNode event = JSON.createObjectNode().put("id", "evt_" + shortId()).put("object", "event")
                .put("api_version", "2026-07-29.dahlia").put("created", created.getEpochSecond()).put("livemode", false)
                .put("pending_webhooks", 1).put("type", type);
        event.putObject("data").set("object", object);
        event.putObject("request").putNull("id").putNull("idempotency_key");
        return event;
    }

    /** A subscription object as in the current API (period on the items), with the plan's two prices. */
    public static ObjectNode subscription(String id, String customer, String tenantId, String status, boolean cancelAtPeriodEnd,
                                         Instant periodEnd, String basePrice, String usagePrice) {
        ObjectNode sub = JSON.createObjectNode().put("id", id).put("object", "subscription").put("customer", customer)
                .put("status", status).put("cancel_at_period_end", cancelAtPeriodEnd).put("livemode", false);
        sub.putObject("metadata").put("tenant_id", tenantId);
        ObjectNode items = sub.putObject("items").put("object", "list");
        ArrayNode data = items.putArray("data");
        for (String price : List.of(basePrice, usagePrice)) {
            ObjectNode item = data.addObject().put("id", "si_" + shortId()).put("object", "subscription_item")
                    .put("current_period_start", periodEnd.minusSeconds(30L * 86_400).getEpochSecond())
                    .put("current_period_end", periodEnd.getEpochSecond());
            item.putObject("price").put("id", price).put("object", "price");
        }
        return sub;
    }

    public static ObjectNode checkoutSession(String tenantId, String customer, String subscription, String plan) {
        ObjectNode session = JSON.createObjectNode().put("id", "cs_test_" + shortId()).put("object", "checkout.session")
                .put("mode", "subscription").put("status", "complete").put("payment_status", "paid")
                .put("client_reference_id", tenantId).put("customer", customer).put("subscription", subscription);
        session.putObject("metadata").put("tenant_id", tenantId).put("plan", plan);
        return session;
    }

    /** Stripe's signature header for this body, signed at {@code timestamp}. */
    public static String signature(String secret, long timestamp, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs the event to the router as Stripe would, signed with {@code secret} at {@code signedAt}. */
    public static HttpResponse<String> deliver(String endpoint, String secret, ObjectNode event, Instant signedAt) {
        try {
            String payload = JSON.writeValueAsString(event);
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                    .header("Stripe-Signature", signature(secret, signedAt.getEpochSecond(), payload))
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
