package app.router4ai.auth;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a key may use: glob patterns ({@code *} any run of characters, {@code ?} one) over catalog model ids, tier
 * names and provider names. An empty list does not restrict; each non-empty one does, so
 * {@code models: ["gpt-*"], providers: ["openai"]} allows OpenAI's GPT models only.
 */
public record KeyScopes(List<String> models, List<String> tiers, List<String> providers) {

    /** What a pattern may contain: the characters of model ids ({@code vendor/model:tag@date}) and the wildcards. */
    public static final Pattern GLOB = Pattern.compile("[A-Za-z0-9._:/@*?+-]{1,200}");
    public static final KeyScopes NONE = new KeyScopes(List.of(), List.of(), List.of());

    public KeyScopes {
        models = List.copyOf(models);
        tiers = List.copyOf(tiers);
        providers = List.copyOf(providers);
    }

    public boolean restricts() {
        return !models.isEmpty() || !tiers.isEmpty() || !providers.isEmpty();
    }

    public boolean allowsModel(String modelId) {
        return matches(models, modelId);
    }

    /** Whether a candidate (a catalog model of a tier, served by a provider) is within every list. */
    public boolean allows(String modelId, String tier, String provider) {
        return matches(models, modelId) && matches(tiers, tier) && matches(providers, provider);
    }

    /** The allowed set as a message names it: "models gpt-*, claude-*; tiers fast". */
    public String describe() {
        StringBuilder text = new StringBuilder();
        append(text, "models", models);
        append(text, "tiers", tiers);
        append(text, "providers", providers);
        return text.toString();
    }

    private static void append(StringBuilder text, String what, List<String> patterns) {
        if (!patterns.isEmpty()) {
            text.append(text.isEmpty() ? "" : "; ").append(what).append(' ').append(String.join(", ", patterns));
        }
    }

    private static boolean matches(List<String> patterns, String value) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (String pattern : patterns) {
            if (glob(pattern, 0, value == null ? "" : value, 0)) {
                return true;
            }
        }
        return false;
    }

    /** Glob match without a regex (no pattern compiled per request, no backtracking blow-up beyond the input). */
    static boolean glob(String pattern, int p, String text, int t) {
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
