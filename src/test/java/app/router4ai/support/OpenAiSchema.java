package app.router4ai.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's published description of the chat-completion objects (src/test/resources/openai-openapi, an excerpt of
 * openai/openai-openapi, source in its {@code $comment}), as JSON Schema 2020-12 validators. The few OpenAPI 3.0
 * {@code nullable: true} left in that 3.1 document are read as what they mean, "or null".
 */
public final class OpenAiSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOCUMENT = load();

    /** A {@code chat.completion} object. */
    public static final OpenAiSchema COMPLETION = new OpenAiSchema("CreateChatCompletionResponse");
    /** A {@code chat.completion.chunk} object. */
    public static final OpenAiSchema CHUNK = new OpenAiSchema("CreateChatCompletionStreamResponse");

    private final JsonSchema schema;

    private OpenAiSchema(String name) {
        ObjectNode root = DOCUMENT.deepCopy();
        root.remove("$comment");
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema").put("$ref", "#/components/schemas/" + name);
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    }

    /** What in {@code node} breaks the description, empty when it is valid. */
    public List<String> violations(JsonNode node) {
        return schema.validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonNode load() {
        try (InputStream in = OpenAiSchema.class.getResourceAsStream("/openai-openapi/chat-completion-schemas.json")) {
            return nullableAsNull(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OpenAPI 3.0's {@code nullable: true} as JSON Schema: null added to the type (and enum), or anyOf null beside a $ref. */
    private static JsonNode nullableAsNull(JsonNode node) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, nullableAsNull(array.get(i)));
            }
            return array;
        }
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
            object.set(field.getKey(), nullableAsNull(field.getValue()));
        }
        if (!object.path("nullable").asBoolean(false)) {
            return object;
        }
        object.remove("nullable");
        if (object.has("$ref")) {
            ObjectNode either = JSON.createObjectNode();
            ArrayNode anyOf = either.putArray("anyOf");
            anyOf.add(object);
            anyOf.addObject().put("type", "null");
            return either;
        }
        if (object.path("type").isTextual()) {
            String type = object.get("type").asText();
            object.putArray("type").add(type).add("null");
        }
        if (object.path("enum") instanceof ArrayNode values) {
            values.addNull();
        }
        return object;
    }
}
