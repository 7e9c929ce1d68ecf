package app.router4ai.admin;

import app.router4ai.api.ApiError;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The text fields of admin bodies, checked before they reach a column: a string (an object was stored
 * as ""), no longer than the column ({@code VARCHAR(n)}; PostgreSQL refused with a 500, H2 cut nothing),
 * and no control characters or lone surrogates (PostgreSQL refuses a NUL; a line break or an escape
 * sequence in a name ends up in logs and pages). A 400 naming the field otherwise, before anything is written.
 */
final class TextFields {

    /** tenants.name, api_keys.name */
    static final int NAME = 200;
    /** tenants.email: RFC 5321's longest address */
    static final int EMAIL = 320;

    private TextFields() {
    }

    static String required(JsonNode body, String field, int maxLength) {
        String text = optional(body, field, maxLength);
        if (text == null) {
            throw ApiError.invalidRequest(field, "'" + field + "' is required.");
        }
        return text;
    }

    /** The trimmed text, or null when the field is absent, null or blank. */
    static String optional(JsonNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.invalidRequest(field, "'" + field + "' must be a string.");
        }
        String text = value.asText().trim();
        if (text.length() > maxLength) {
            throw ApiError.invalidRequest(field, "'" + field + "' must be at most " + maxLength + " characters (got "
                    + text.length() + ").");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean loneSurrogate = Character.isHighSurrogate(c)
                    ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(++i))
                    : Character.isLowSurrogate(c);
            if (Character.isISOControl(c) || loneSurrogate) {
                throw ApiError.invalidRequest(field, "'" + field + "' must not contain control characters (U+"
                        + "%04X".formatted((int) c) + " at " + i + ").");
            }
        }
        return text.isEmpty() ? null : text;
    }
}
