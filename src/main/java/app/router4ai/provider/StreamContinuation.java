package app.router4ai.provider;

import java.io.InputStream;

/**
 * Another provider's stream that continues a broken one from where it broke (it was sent the text already
 * delivered as an assistant prefill), with the translator of its wire format. It has sent its first content.
 */
public record StreamContinuation(InputStream upstream, StreamTranslator translator) {
}
