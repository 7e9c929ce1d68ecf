package app.router4ai.provider;

import java.io.InputStream;

/**
 * Another provider's stream that takes over a broken one, with the translator of its wire format. It has sent its
 * first content. Either it continues from where the broken one stopped (it was sent the text already delivered as an
 * assistant prefill: {@code replay} is empty), or it restarted the answer from the beginning (it was sent the
 * original request): then {@code replay} is the text the client already has, which the restarted stream must repeat
 * before anything of it reaches the client.
 */
public record StreamContinuation(InputStream upstream, StreamTranslator translator, String replay) {

    /** A continuation from a prefill: nothing to repeat. */
    public StreamContinuation(InputStream upstream, StreamTranslator translator) {
        this(upstream, translator, "");
    }

    /** Whether this stream started the answer again (and is spliced), rather than continuing it. */
    public boolean restarted() {
        return !replay.isEmpty();
    }
}
