package app.router4ai.idempotency;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * One claimed request's answer on its way to the client, kept as it is written: whole, or a stream copied as the
 * client reads it (up to the size limit). Lives in the exchange property {@link #PROPERTY} from the claim to the
 * end of the exchange, when it is stored or its claim released.
 */
final class IdempotentAnswer {

    static final String PROPERTY = "ramIdempotentAnswer";

    final String tenantId;
    final String key;
    private final int maxBytes;
    private String contentType;
    private byte[] whole;
    private Tee stream;

    IdempotentAnswer(String tenantId, String key, int maxBytes) {
        this.tenantId = tenantId;
        this.key = key;
        this.maxBytes = maxBytes;
    }

    void whole(byte[] body, String contentType) {
        this.whole = body;
        this.contentType = contentType;
    }

    /** Wraps a streamed body: what the client reads is copied. */
    InputStream stream(InputStream body, String contentType) {
        this.contentType = contentType;
        this.stream = new Tee(body, maxBytes);
        return stream;
    }

    String contentType() {
        return contentType;
    }

    /** The answer as the client got it, or null when there is none to keep (failed, cut short, too large). */
    String answer() {
        if (whole != null) {
            return whole.length <= maxBytes ? new String(whole, StandardCharsets.UTF_8) : null;
        }
        return stream != null && stream.ended && !stream.overflow ? stream.copy.toString(StandardCharsets.UTF_8) : null;
    }

    private static final class Tee extends FilterInputStream {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private final int maxBytes;
        private volatile boolean ended;
        private volatile boolean overflow;

        Tee(InputStream in, int maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                ended = true;
            } else {
                keep(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                ended = true;
            } else {
                keep(buffer, offset, n);
            }
            return n;
        }

        private void keep(byte[] buffer, int offset, int n) {
            if (overflow || copy.size() + n > maxBytes) {
                overflow = true;
                copy.reset();
                return;
            }
            copy.write(buffer, offset, n);
        }
    }
}
