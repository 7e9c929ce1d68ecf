package app.router4ai.provider;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire format a provider speaks; each has one {@link WireAdapter}. */
public enum Wire {
    OPENAI,
    ANTHROPIC,
    GEMINI,
    /** OpenAI's format at Azure OpenAI: an {@code api-key} header, deployment paths and {@code api-version}. */
    AZURE_OPENAI;

    /** The name the routing file uses ({@code azure-openai}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The wire a routing file names, or null when it names none of them. */
    public static Wire parse(String id) {
        return Arrays.stream(values()).filter(w -> w.id().equals(id)).findFirst().orElse(null);
    }

    /** Every wire's name, for a message that lists them. */
    public static String ids() {
        return Arrays.stream(values()).map(Wire::id).collect(Collectors.joining(", "));
    }
}
