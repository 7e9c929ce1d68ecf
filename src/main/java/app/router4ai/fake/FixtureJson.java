package app.router4ai.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The plain Jackson the provider fixtures build their bodies with: fixtures are fixed data, so a JSON failure is unchecked. */
final class FixtureJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private FixtureJson() {
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
