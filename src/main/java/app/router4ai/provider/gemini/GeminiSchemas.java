package app.router4ai.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A client's JSON Schema (tool parameters, a response schema) in the part Gemini's {@code parametersJsonSchema}
 * takes. Clients such as Claude Code generate schemas with keywords Gemini refuses: {@code $schema} and
 * {@code propertyNames} are dropped, {@code const} becomes a one-value {@code enum}, and a numeric
 * {@code exclusiveMinimum}/{@code exclusiveMaximum} becomes {@code minimum}/{@code maximum} (one value looser
 * at the bound, which the model's output rarely meets). {@code anyOf}, {@code additionalProperties} and the
 * rest are kept. Returns a copy when anything changed; the client's schema is never modified.
 * <p>
 * Gemini 2.5 and later take that JSON Schema ({@code responseJsonSchema}, {@code parametersJsonSchema}); earlier
 * models only take {@code responseSchema}/{@code parameters}, a subset of OpenAPI 3.0's schema object
 * ({@link #openApiSubset}): {@code $ref}s into {@code $defs} inlined, {@code ["string","null"]} and
 * {@code anyOf [..., {"type":"null"}]} as {@code nullable}, {@code const} as a one-value {@code enum}, and keywords
 * the subset lacks ({@code additionalProperties}, {@code $schema}, ...) left out.
 */
final class GeminiSchemas {

    private static final Set<String> DROPPED = Set.of("$schema", "propertyNames");
    private static final Map<String, String> BOUNDS = Map.of("exclusiveMinimum", "minimum", "exclusiveMaximum", "maximum");
    /** Keywords whose value is a map of names to schemas, not a schema itself. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "$defs", "definitions", "patternProperties");
    /** The keywords of the OpenAPI subset older models take. */
    private static final Set<String> KEPT = Set.of("type", "format", "title", "description", "nullable", "enum", "items",
            "minItems", "maxItems", "properties", "required", "minProperties", "maxProperties", "minLength", "maxLength",
            "pattern", "minimum", "maximum", "anyOf", "propertyOrdering", "default", "example");
    /** How deep $refs are followed: a recursive schema cannot be inlined, and the subset has no references. */
    private static final int MAX_DEPTH = 16;

    private GeminiSchemas() {
    }

    static JsonNode forGemini(JsonNode schema) {
        if (schema == null || !schema.isContainerNode()) {
            return schema;
        }
        JsonNode copy = schema.deepCopy();
        clean(copy);
        return copy;
    }

    private static void clean(JsonNode node) {
        if (node instanceof ArrayNode array) {
            array.forEach(GeminiSchemas::clean);
            return;
        }
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        schema.remove(DROPPED);
        if (schema.has("const")) {
            JsonNode value = schema.remove("const");
            if (!schema.has("enum")) {
                schema.putArray("enum").add(value);
            }
        }
        BOUNDS.forEach((exclusive, inclusive) -> {
            JsonNode bound = schema.get(exclusive);
            if (bound != null && bound.isNumber()) {
                schema.remove(exclusive);
                if (!schema.has(inclusive)) {
                    schema.set(inclusive, bound);
                }
            }
        });
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (SCHEMA_MAPS.contains(field.getKey())) {
                field.getValue().forEach(GeminiSchemas::clean);
            } else {
                clean(field.getValue());
            }
        }
    }

    /** Whether the model takes JSON Schema as sent: Gemini 2.5 and later (and any model id not known to be older). */
    static boolean takesJsonSchema(String model) {
        return model == null || !(model.startsWith("gemini-1.") || model.startsWith("gemini-2.0"));
    }

    /** {@code schema} in the OpenAPI subset of {@code responseSchema} and {@code parameters}. */
    static JsonNode openApiSubset(JsonNode schema) {
        JsonNode cleaned = forGemini(schema);
        JsonNode defs = cleaned.has("$defs") ? cleaned.get("$defs") : cleaned.path("definitions");
        return convert(cleaned, defs, 0);
    }

    private static JsonNode convert(JsonNode node, JsonNode defs, int depth) {
        if (!node.isObject() || depth > MAX_DEPTH) {
            return JsonNodeFactory.instance.objectNode().put("type", "object");
        }
        if (node.path("$ref").isTextual()) {
            String ref = node.get("$ref").asText();
            return convert(defs.path(ref.substring(ref.lastIndexOf('/') + 1)), defs, depth + 1);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "type" -> type(value, out);
                case "const" -> out.putArray("enum").add(value);
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    value.properties().forEach(p -> properties.set(p.getKey(), convert(p.getValue(), defs, depth + 1)));
                }
                case "items" -> out.set("items", convert(value, defs, depth + 1));
                case "anyOf", "oneOf" -> anyOf(value, defs, depth, out);
                default -> {
                    if (KEPT.contains(key)) {
                        out.set(key, value);
                    }
                }
            }
        }
        return out;
    }

    private static void type(JsonNode type, ObjectNode out) {
        if (!type.isArray()) {
            out.set("type", type);
            return;
        }
        for (JsonNode one : type) {
            if ("null".equals(one.asText())) {
                out.put("nullable", true);
            } else {
                out.put("type", one.asText());
            }
        }
    }

    private static void anyOf(JsonNode options, JsonNode defs, int depth, ObjectNode out) {
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode option : options) {
            if ("null".equals(option.path("type").asText())) {
                out.put("nullable", true);
            } else {
                kept.add(convert(option, defs, depth + 1));
            }
        }
        if (kept.size() == 1) {
            out.setAll((ObjectNode) kept.getFirst());
        } else if (!kept.isEmpty()) {
            ArrayNode anyOf = out.putArray("anyOf");
            kept.forEach(anyOf::add);
        }
    }
}
