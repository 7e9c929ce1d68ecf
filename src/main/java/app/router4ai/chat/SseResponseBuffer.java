package app.router4ai.chat;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * A streamed answer is copied to the client with a buffer of the servlet response's size (Camel's
 * binding allocates it), and that buffer lives as long as the stream: minutes, for thousands of streams.
 * SSE events are a few hundred bytes and every one is flushed at once, so a small buffer loses nothing.
 */
final class SseResponseBuffer {

    static final int BYTES = 2048;

    private SseResponseBuffer() {
    }

    static void shrink(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage http && !http.getResponse().isCommitted()) {
            http.getResponse().setBufferSize(BYTES);
        }
    }
}
