package app.router4ai.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A client's JSON body, read strictly: one JSON value and nothing after it but whitespace (a lenient
 * reader took {@code {...} garbage} or two objects in a row as the first one), and no number a double
 * cannot hold ({@code 1e999} read as infinity, then broke the cache key and could not be written back
 * upstream). Both are 400s; the out-of-range number names where it is ({@code metadata.x[1]}). Costs a
 * finiteness check per floating-point number and one token look-ahead at the end.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** The body's JSON value (null for an empty body); syntax errors are Jackson's, as with {@link ObjectMapper#readTree}. */
    public static JsonNode read(ObjectMapper json, byte[] body) throws IOException {
        try (JsonParser parser = new FiniteNumbers(json.getFactory().createParser(body))) {
            JsonNode node = json.readTree(parser);
            if (node != null && nextToken(parser)) {
                throw ApiError.invalidRequest(null, "The request body has content after the JSON object: send exactly one JSON object.");
            }
            return node;
        }
    }

    private static boolean nextToken(JsonParser parser) {
        try {
            return parser.nextToken() != null;
        } catch (JsonProcessingException e) {
            return true;   // whatever follows, it is not whitespace
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Refuses a floating-point number that overflows a double, as the parser reaches it. */
    private static final class FiniteNumbers extends JsonParserDelegate {

        FiniteNumbers(JsonParser parser) {
            super(parser);
        }

        @Override
        public double getDoubleValue() throws IOException {
            return finite(super.getDoubleValue());
        }

        @Override
        public float getFloatValue() throws IOException {
            return (float) finite(super.getFloatValue());
        }

        private double finite(double value) {
            if (!Double.isFinite(value)) {
                String param = path(getParsingContext());
                throw ApiError.invalidRequest(param, "'" + param + "' is a number out of range (" + number()
                        + "): numbers must fit a 64-bit floating-point value.");
            }
            return value;
        }

        private String number() {
            try {
                String text = delegate.getText();
                return text.length() > 40 ? text.substring(0, 40) + "…" : text;
            } catch (IOException e) {
                return "?";
            }
        }
    }

    /** {@code messages[0].content}: the place of the current value, as OpenAI names nested parameters. */
    static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path.insert(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                path.insert(0, (c.getParent() != null && !c.getParent().inRoot() ? "." : "") + c.getCurrentName());
            }
        }
        return path.toString();
    }
}
