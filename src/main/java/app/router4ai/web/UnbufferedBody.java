package app.router4ai.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;

/**
 * A request whose body reaches the route as the servlet's own stream, unread. platform-http on Spring Boot
 * turns every body into a {@link StreamCache} before the route runs, even with {@code useStreaming}: it read
 * the whole body into memory (any size, chunked ones too, before the API key was checked) with a 16 KB buffer
 * per request, a fifth of the bytes the chat path allocated. A body that already is a StreamCache is left as
 * it is, so this stream says it is one. It cannot be replayed: the routes read it once, limit first
 * ({@code RequestBody}); {@link #reset()} does nothing.
 */
final class UnbufferedBody extends HttpServletRequestWrapper {

    private final Stream stream;

    UnbufferedBody(HttpServletRequest request) throws IOException {
        super(request);
        this.stream = new Stream(request.getInputStream(), request.getContentLengthLong());
    }

    @Override
    public ServletInputStream getInputStream() {
        return stream;
    }

    private static final class Stream extends ServletInputStream implements StreamCache {

        private final ServletInputStream in;
        private final long length;
        private long position;

        Stream(ServletInputStream in, long length) {
            this.in = in;
            this.length = length;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            position += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            int n = in.read(buffer, offset, count);
            position += Math.max(n, 0);
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        @Override
        public void reset() {
            // read once, never replayed (stream caching is off in this application)
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            transferTo(out);
        }

        @Override
        public StreamCache copy(Exchange exchange) {
            return this;
        }

        @Override
        public boolean inMemory() {
            return false;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public long position() {
            return position;
        }
    }
}
