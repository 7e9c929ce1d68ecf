package app.router4ai.routing;

/** A mistake in the routing file, at a place in it (a JSON pointer such as {@code /models/gpt-4o/tier}). */
final class RoutingFileError extends IllegalArgumentException {

    private final String pointer;

    RoutingFileError(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    String pointer() {
        return pointer;
    }

    /** The message an operator reads: file, line and what is wrong. */
    IllegalArgumentException located(String source, YamlLines lines) {
        int line = lines.line(pointer);
        return new IllegalArgumentException(source + (line > 0 ? ", line " + line : "") + ": " + getMessage());
    }
}
