package app.router4ai.api;

import app.router4ai.call.ApiCall;
import app.router4ai.call.StreamEncoder;
import app.router4ai.call.Surface;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * How one surface writes what the pipeline produced, in the format its clients read: a complete answer
 * and a streamed one. One Spring bean per surface ({@link ApiFormats}); errors take the surface's
 * {@link Surface.ErrorShape} in {@link ErrorResponder}.
 */
public interface ApiFormat {

    Surface surface();

    /**
     * The response body of a complete answer, {@code _ram} included. {@code answer} is the canonical
     * {@code chat.completion} (or, for a provider that spoke the surface's own format, its own body).
     * The call is settled: usage, cost and latency are known.
     */
    byte[] answer(ObjectNode answer, ApiCall call) throws IOException;

    /** A fresh writer for one streamed answer. */
    StreamEncoder streamEncoder(ApiCall call);
}
