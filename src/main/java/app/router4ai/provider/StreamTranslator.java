package app.router4ai.provider;

import java.util.List;

/**
 * Turns one provider's server-sent events into OpenAI stream parts. A small stateful object, one per
 * request (it remembers ids, open tool calls, usage so far). Never sees Camel or HTTP.
 */
public interface StreamTranslator {

    /**
     * One SSE event as the provider sent it.
     *
     * @param event the {@code event:} field, or null when the provider sends none
     * @param data  the {@code data:} field (several data lines joined by '\n')
     * @return the parts for the client, in order (often one chunk, sometimes none or several)
     */
    List<StreamPart> onEvent(String event, String data);

    /**
     * The upstream body ended. Return {@link StreamPart#DONE} (after any last chunks) if the provider had
     * finished properly; return nothing if it had not: the caller then reports a cut stream.
     */
    List<StreamPart> onEnd();
}
