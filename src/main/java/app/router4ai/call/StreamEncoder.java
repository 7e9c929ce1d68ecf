package app.router4ai.call;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Writes one streamed answer in the client's format, from the canonical parts the provider's translator
 * produced (OpenAI {@code chat.completion.chunk}s). A small stateful object per request that never sees
 * Camel or HTTP; it may hold parts back (until usage is known, to put {@code _ram} in) and must write
 * whatever it held when the stream ends, however it ends.
 */
public interface StreamEncoder {

    /** A chunk with choices (deltas, finish reasons). */
    void chunk(ObjectNode chunk, ByteArrayOutputStream out) throws IOException;

    /**
     * An event the provider sent in the surface's own format (a pass-through), to forward; the canonical chunks
     * of the same stream come too, and such an encoder writes only these. Surfaces that are never passed
     * through leave it.
     */
    default void nativeEvent(String event, String data, ByteArrayOutputStream out) throws IOException {
        throw new UnsupportedOperationException("This surface has no pass-through providers");
    }

    /** The closing usage chunk ({@code choices: []}, {@code usage}); the call is settled already. */
    void usage(ObjectNode chunk, ByteArrayOutputStream out) throws IOException;

    /** The provider finished normally; the call is settled. The encoder writes its terminal event. */
    void done(ByteArrayOutputStream out) throws IOException;

    /** The stream failed after its first byte; the call is settled. The encoder writes its error event. */
    void failure(String message, String type, String code, ByteArrayOutputStream out) throws IOException;
}
