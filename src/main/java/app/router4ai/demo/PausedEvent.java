package app.router4ai.demo;

import java.io.ByteArrayInputStream;

/** One SSE event that makes its reader wait a little first, like tokens arriving from a model. */
final class PausedEvent extends ByteArrayInputStream {

    private long pauseMs;

    PausedEvent(byte[] bytes, long pauseMs) {
        super(bytes);
        this.pauseMs = pauseMs;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (pauseMs > 0) {
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pauseMs = 0;
        }
        return super.read(b, off, len);
    }
}
