package app.router4ai.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A client's JSON Schema (tool parameters, a response schema) in the part Gemini's {@code parametersJsonSchema}
 * takes. Clients such as Claude Code generate schemas with keywords Gemini refuses: {@code $schema} and
 * {@code propertyNames} are dropped, {@code const} becomes a one-value {@code enum}, and a numeric
 * {@code exclusiveMinimum}/{@code exclusiveMaximum} becomes {@code minimum}/{@code maximum} (one value looser
 * at the bound, which the model's output rarely meets). {@code anyOf}, {@code additionalProperties} and the
 * rest are kept. Returns a copy when anything changed; the client's schema is never modified.
 */
final class GeminiSchemas {

    private static final Set<String> DROPPED = Set.of("$schema", "propertyNames");
    private static final Map<String, String> BOUNDS = Map.of("exclusiveMinimum", "minimum", "exclusiveMaximum", "maximum");
    /** Keywords whose value is a map of names to schemas, not a schema itself. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "$defs", "definitions", "patternProperties");

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
}
