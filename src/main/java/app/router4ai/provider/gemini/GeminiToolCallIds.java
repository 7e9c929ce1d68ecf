package app.router4ai.provider.gemini;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Tool-call ids for Gemini function calls, which usually come without one. An id is a hash of the
 * response id, the candidate, the call's position in it and the function name: the same call gets
 * the same id in a streamed and an unstreamed rendering of one response, and calls in different
 * responses get different ids. The id only has to survive the client's round trip: on the way back
 * a tool result is matched to its function by the assistant message that made the call.
 */
final class GeminiToolCallIds {

    private GeminiToolCallIds() {
    }

    /** Gemini's own id when it sent one, else a minted one. */
    static String idFor(String providerId, String responseId, int candidate, int position, String name) {
        if (providerId != null && !providerId.isEmpty()) {
            return providerId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (responseId + "/" + candidate + "/" + position + "/" + name).getBytes(StandardCharsets.UTF_8));
            return "call_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
