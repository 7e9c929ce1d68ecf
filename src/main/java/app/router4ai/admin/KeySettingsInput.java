package app.router4ai.admin;

import app.router4ai.api.ApiError;
import app.router4ai.auth.KeyScopes;
import app.router4ai.auth.KeySettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A change of a key's settings as the admin API and the dashboard take it: any of {@code name}, {@code metadata},
 * {@code expires_at}, {@code scopes}, {@code rate_limit_rps}, {@code tokens_per_minute}; null clears one. Everything
 * is checked before anything is written: a 400 names the first bad field.
 */
public final class KeySettingsInput {

    static final Set<String> FIELDS = Set.of("name", "metadata", "expires_at", "scopes", "rate_limit_rps", "tokens_per_minute");
    static final Set<String> SCOPE_FIELDS = Set.of("models", "tiers", "providers");
    static final int MAX_PATTERNS = 100;
    static final long MAX_TOKENS_PER_MINUTE = 1_000_000_000_000L;
    static final int MAX_METADATA_ENTRIES = 50;
    /** The far end of what both databases' timestamps hold. */
    static final Instant LAST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    /** The settings to store, and the new name when the body renamed the key (else null). */
    public record Change(KeySettings settings, String name) {
    }

    private KeySettingsInput() {
    }

    /**
     * @param workspaceRps the workspace's requests per second: a key's own limit stays below it
     */
    public static Change parse(JsonNode body, KeySettings current, int workspaceRps, Instant now) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiError.invalidRequest(name, "Unknown field '" + name + "': a key's " + FIELDS + " can be changed.");
            }
        }
        if (FIELDS.stream().noneMatch(body::has)) {
            throw ApiError.invalidRequest(null, "Send any of " + FIELDS + " (null clears one).");
        }
        String name = body.has("name") ? TextFields.required(body, "name", TextFields.NAME) : null;
        Instant expiresAt = body.has("expires_at") ? expiry(body.get("expires_at"), now) : current.expiresAt();
        KeyScopes scopes = body.has("scopes") ? scopes(body.get("scopes")) : current.scopes();
        Integer rps = current.rateLimitRps();
        if (body.has("rate_limit_rps")) {
            JsonNode value = body.get("rate_limit_rps");
            if (value.isNull()) {
                rps = null;
            } else if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > workspaceRps) {
                throw ApiError.invalidRequest("rate_limit_rps", "'rate_limit_rps' must be a whole number from 1 to "
                        + workspaceRps + " (the workspace's own limit), or null; got " + value + ".");
            } else {
                rps = value.intValue();
            }
        }
        Long tpm = current.tokensPerMinute();
        if (body.has("tokens_per_minute")) {
            JsonNode value = body.get("tokens_per_minute");
            if (value.isNull()) {
                tpm = null;
            } else if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 1
                    || value.asLong() > MAX_TOKENS_PER_MINUTE) {
                throw ApiError.invalidRequest("tokens_per_minute", "'tokens_per_minute' must be a whole number from 1 to "
                        + MAX_TOKENS_PER_MINUTE + ", or null; got " + value + ".");
            } else {
                tpm = value.asLong();
            }
        }
        Map<String, String> metadata = body.has("metadata") ? metadata(body.get("metadata")) : current.metadata();
        return new Change(new KeySettings(current.keyId(), current.tenantId(), expiresAt, scopes, rps, tpm, metadata), name);
    }

    static Instant expiry(JsonNode value, Instant now) {
        if (value.isNull()) {
            return null;
        }
        Instant at = null;
        if (value.isTextual()) {
            try {
                at = Instant.parse(value.asText().trim());
            } catch (DateTimeParseException e) {
                at = null;
            }
        }
        if (at == null || at.isAfter(LAST_EXPIRY)) {
            throw ApiError.invalidRequest("expires_at", "'expires_at' must be a UTC time such as 2027-01-31T00:00:00Z, or "
                    + "null for none; got " + value + ".");
        }
        if (!at.isAfter(now)) {
            throw ApiError.invalidRequest("expires_at", "'expires_at' is in the past (" + at + "); to stop a key now, revoke it.");
        }
        return at;
    }

    static KeyScopes scopes(JsonNode value) {
        if (value.isNull()) {
            return KeyScopes.NONE;
        }
        if (!value.isObject()) {
            throw ApiError.invalidRequest("scopes", "'scopes' must be an object with any of " + SCOPE_FIELDS
                    + " (lists of glob patterns), or null for none.");
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SCOPE_FIELDS.contains(name)) {
                throw ApiError.invalidRequest("scopes." + name, "Unknown field 'scopes." + name + "': scopes has " + SCOPE_FIELDS + ".");
            }
        }
        return new KeyScopes(patterns(value, "models"), patterns(value, "tiers"), patterns(value, "providers"));
    }

    private static List<String> patterns(JsonNode scopes, String field) {
        JsonNode list = scopes.get(field);
        String param = "scopes." + field;
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > MAX_PATTERNS) {
            throw ApiError.invalidRequest(param, "'" + param + "' must be a list of at most " + MAX_PATTERNS + " glob patterns.");
        }
        List<String> patterns = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isTextual() || !KeyScopes.GLOB.matcher(item.asText()).matches()) {
                throw ApiError.invalidRequest(param, "'" + param + "' holds a malformed pattern " + item + ": a pattern is 1 "
                        + "to 200 of letters, digits, . _ : / @ + - and the wildcards * and ?.");
            }
            patterns.add(item.asText());
        }
        return patterns;
    }

    private static Map<String, String> metadata(JsonNode value) {
        if (value.isNull()) {
            return Map.of();
        }
        if (!value.isObject() || value.size() > MAX_METADATA_ENTRIES) {
            throw ApiError.invalidRequest("metadata", "'metadata' must be an object of at most " + MAX_METADATA_ENTRIES
                    + " string values, or null.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        int chars = 0;
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String text = TextFields.optional(value, field.getKey(), 500);
            if (field.getKey().isEmpty() || field.getKey().length() > 100 || text == null) {
                throw ApiError.invalidRequest("metadata", "'metadata' entries need a name of 1 to 100 characters and a "
                        + "non-empty string value of at most 500; '" + field.getKey() + "' is not one.");
            }
            chars += field.getKey().length() + text.length();
            metadata.put(field.getKey(), text);
        }
        if (chars > 3000) {
            throw ApiError.invalidRequest("metadata", "'metadata' holds at most 3,000 characters in all.");
        }
        return metadata;
    }
}
