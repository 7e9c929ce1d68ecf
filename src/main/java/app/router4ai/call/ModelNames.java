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
        if (name == null || name.length() <= MAX_LENGTH && fit(name)) {
            return name;   // the usual case: no copy
        }
        StringBuilder kept = new StringBuilder(MAX_LENGTH);
        name.codePoints().filter(c -> !unfit(c))
                .takeWhile(c -> kept.length() + Character.charCount(c) <= MAX_LENGTH)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    // a loop over chars, not a code-point stream: this runs on every answer; printable ASCII decides at once
    private static boolean fit(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c < 0x20 || c > 0x7e) && unfit(Character.isSurrogate(c) ? name.codePointAt(i) : c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            }
        }
        return true;
    }

    private static boolean unfit(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
    }
}
