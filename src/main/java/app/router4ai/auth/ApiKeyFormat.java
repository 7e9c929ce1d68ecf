package app.router4ai.auth;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@code ram_live_<id>_<secret>}: a 16-character public id (lower-case letters and digits, what the
 * database is searched by) and a secret of 256 random bits (base64url). Only the Argon2id hash of
 * the whole key is stored.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "ram_live_";
    static final int ID_LENGTH = 16;
    private static final int SECRET_BYTES = 32;
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFormat() {
    }

    /** A key split into its public id and the whole string; null when the text is not shaped like a key. */
    public record Parsed(String id, String fullKey) {
    }

    public static String newId() {
        char[] id = new char[ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    public static String newKey(String id) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The part of a key that may be shown again: enough to recognise it, nothing to use it. */
    public static String displayPrefix(String id) {
        return PREFIX + id;
    }

    public static Parsed parse(String key) {
        int idEnd = PREFIX.length() + ID_LENGTH;
        if (key == null || key.length() < idEnd + 2 || key.length() > 200 || !key.startsWith(PREFIX)
                || key.charAt(idEnd) != '_') {
            return null;
        }
        String id = key.substring(PREFIX.length(), idEnd);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                return null;
            }
        }
        return new Parsed(id, key);
    }
}
