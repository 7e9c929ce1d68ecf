package app.router4ai.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of each key of a YAML file, by its JSON pointer ({@code /models/gpt-4o/tier}): the tree Jackson
 * reads keeps no positions, and a message about a routing file should say where to look.
 */
final class YamlLines {

    static final YamlLines NONE = new YamlLines(Map.of());

    private final Map<String, Integer> lines;

    private YamlLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    static YamlLines of(byte[] yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        Deque<String> containers = new ArrayDeque<>();   // pointer of each open object or array
        Deque<Integer> indexes = new ArrayDeque<>();      // next index of each open array (-1 for objects)
        String field = null;
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                String here = containers.isEmpty() ? "" : containers.peek();
                if (token == JsonToken.FIELD_NAME) {
                    field = here + "/" + parser.currentName();
                    lines.putIfAbsent(field, parser.currentTokenLocation().getLineNr());
                    continue;
                }
                String pointer = here;
                if (!indexes.isEmpty() && indexes.peek() >= 0) {
                    int i = indexes.pop();
                    indexes.push(i + 1);
                    pointer = here + "/" + i;
                    lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
                } else if (field != null) {
                    pointer = field;
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    containers.push(pointer);
                    indexes.push(token == JsonToken.START_ARRAY ? 0 : -1);
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    containers.pop();
                    indexes.pop();
                }
                field = null;
            }
        }
        return new YamlLines(lines);
    }

    /** The line of {@code pointer}, or of its nearest enclosing key; 0 when unknown. */
    int line(String pointer) {
        for (String p = pointer; !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return 0;
    }
}
