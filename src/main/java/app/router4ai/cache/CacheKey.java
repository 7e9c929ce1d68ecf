package app.router4ai.cache;

import app.router4ai.call.Surface;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cache key of a request: SHA-256 over the tenant, the surface (each stores answers in its own
 * canonical form), the requested model and the request in a
 * canonical form (keys sorted at every level; {@code stream} and {@code stream_options} left out, so a
 * streamed and a plain request share an answer). The tenant is part of the key: never served across tenants.
 */
final class CacheKey {

    private static final ObjectMapper CANONICAL = JsonMapper.builder().build();

    private CacheKey() {
    }

    static String of(String tenantId, Surface surface, String model, ObjectNode request) {
        ObjectNode content = request.deepCopy();
        content.remove("stream");
        content.remove("stream_options");
        content.remove("model");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(tenantId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(surface.name().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(model.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(CANONICAL.writeValueAsBytes(canonical(content)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys sorted; numbers by value ({@code 0}, {@code 0.0} and {@code 0e0} are one temperature). */
    private static Object canonical(JsonNode node) {
        if (node.isObject()) {
            java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            return sorted;
        }
        if (node.isArray()) {
            java.util.List<Object> items = new java.util.ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        if (node.isNumber()) {
            return new java.math.BigDecimal(node.decimalValue().stripTrailingZeros().toPlainString());
        }
        return CANONICAL.convertValue(node, Object.class);
    }

    /** Deterministic by default: temperature 0 and a single choice. */
    static boolean deterministic(JsonNode request) {
        JsonNode temperature = request.get("temperature");
        JsonNode n = request.get("n");
        return temperature != null && temperature.isNumber() && temperature.doubleValue() == 0.0
                && (n == null || n.isNull() || n.asInt() == 1);
    }
}
