package app.router4ai.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a {@link StreamTranslator} hands on for the client: an OpenAI chunk, the end, or a failure. */
public sealed interface StreamPart {

    /** One OpenAI {@code chat.completion.chunk} (a usage chunk has {@code choices: []} and {@code usage}). */
    record Chunk(ObjectNode json) implements StreamPart {
    }

    /** The provider finished normally: the client gets {@code data: [DONE]}. */
    record Done() implements StreamPart {
    }

    /** The provider reported an error mid-stream: the client gets an OpenAI error event and the stream ends. */
    record Failure(String message, String type, String code) implements StreamPart {
    }

    /**
     * An event in the client's own format, as the provider sent it (a pass-through: the provider speaks the
     * surface's format). The translator still hands on the canonical parts beside it, for the router's books.
     */
    record Native(String event, String data) implements StreamPart {
    }

    Done DONE = new Done();

    /**
     * An event whose data is not JSON: every translator reports it the same way, and the stream skips it (logged,
     * counted); a stream that still completes is a whole answer.
     */
    Failure MALFORMED_EVENT = new Failure("The provider sent a malformed stream event.", "server_error", "bad_upstream_stream");
}
