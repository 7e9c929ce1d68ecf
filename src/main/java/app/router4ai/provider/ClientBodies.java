package app.router4ai.provider;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The client's own body, changed only where the router must: a pass-through sends the bytes the client sent
 * (whitespace, key order, number spelling, fields the router has never heard of) with just the top-level
 * {@code model} value replaced by the provider's model id.
 */
public final class ClientBodies {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ClientBodies() {
    }

    /** {@code body} with its top-level {@code "model"} string value replaced; the body is known to be a JSON object with one. */
    public static byte[] withModel(byte[] body, String model) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            parser.nextToken();   // START_OBJECT
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("model") && value == JsonToken.VALUE_STRING) {
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    parser.getText();   // reads the string to its closing quote
                    int end = (int) parser.currentLocation().getByteOffset();
                    return splice(body, start, end, model);
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new IllegalStateException("A body that was parsed before could not be read again", e);
        }
        throw new IllegalStateException("The body has no top-level model string");
    }

    private static byte[] splice(byte[] body, int start, int end, String model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + model.length());
        out.write(body, 0, start);
        out.write('"');
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(model));
        out.write('"');
        out.write(body, end, body.length - end);
        return out.toByteArray();
    }
}
