package app.router4ai.call;

/**
 * A model name as a provider or client wrote it, made fit for a log line, a header and a ledger column: control
 * and format characters (a NUL among them) and unpaired surrogates removed, cut to {@value #MAX_LENGTH} characters.
 */
public final class ModelNames {

    public static final int MAX_LENGTH = 200;

    private ModelNames() {
    }

    /** The cleaned name; null stays null. */
    public static String clean(String name) {
        if (name == null || name.length() <= MAX_LENGTH && name.codePoints().noneMatch(ModelNames::unfit)) {
            return name;   // the usual case: no copy
        }
        StringBuilder kept = new StringBuilder(MAX_LENGTH);
        name.codePoints().filter(c -> !unfit(c))
                .takeWhile(c -> kept.length() + Character.charCount(c) <= MAX_LENGTH)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static boolean unfit(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
    }
}
