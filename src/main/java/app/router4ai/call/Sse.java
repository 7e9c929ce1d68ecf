package app.router4ai.call;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Server-sent event framing, in one place: {@code data:} events (OpenAI) and named events (Anthropic, Responses). */
public final class Sse {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);

    private Sse() {
    }

    /** {@code data: <payload>\n\n}. */
    public static void data(ByteArrayOutputStream out, byte[] payload) {
        out.writeBytes(DATA);
        out.writeBytes(payload);
        out.write('\n');
        out.write('\n');
    }

    /** {@code event: <name>\ndata: <payload>\n\n}. */
    public static void event(ByteArrayOutputStream out, String name, byte[] payload) {
        out.writeBytes(EVENT);
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
        data(out, payload);
    }
}
