package app.router4ai.provider.anthropic;

import app.router4ai.provider.StreamPart;
import app.router4ai.provider.StreamTranslator;
import java.util.ArrayList;
import java.util.List;

/**
 * A passed-through Anthropic stream: every event goes to the client as Anthropic sent it
 * ({@link StreamPart.Native}), and the canonical translation runs beside it for the books. The usage chunk
 * is handed on just before each message_delta (whose usage is cumulative), so the call is settled when the
 * client's encoder writes that event with the cost in it; message_stop then ends the stream.
 */
final class AnthropicPassThroughStream implements StreamTranslator {

    private final AnthropicStreamTranslator canonical;
    private boolean usageSent;

    AnthropicPassThroughStream(AnthropicStreamTranslator canonical) {
        this.canonical = canonical;
    }

    @Override
    public List<StreamPart> onEvent(String event, String data) {
        List<StreamPart> translated = canonical.onEvent(event, data);
        StreamPart.Native passed = new StreamPart.Native(event, data);
        List<StreamPart> parts = new ArrayList<>(translated.size() + 2);
        // Anthropic names every event after its data's type.
        switch (event == null ? "" : event) {
            case "message_delta" -> {
                parts.addAll(translated);
                parts.add(canonical.usagePart());
                usageSent = true;
                parts.add(passed);
            }
            case "message_stop" -> {
                parts.add(passed);
                // message_stop's own usage chunk repeats what message_delta settled
                translated.stream().filter(part -> !usageSent || !(part instanceof StreamPart.Chunk)).forEach(parts::add);
            }
            case "error" -> {
                parts.add(passed);
                parts.addAll(translated);
            }
            default -> {
                parts.addAll(translated);
                parts.add(passed);
            }
        }
        return parts;
    }

    /**
     * A body that ended after message_delta had stopped the answer is whole: the client gets the message_stop
     * Anthropic left out, and the stream ends properly (the usage was settled at message_delta).
     */
    @Override
    public List<StreamPart> onEnd() {
        List<StreamPart> ended = canonical.onEnd();
        if (ended.isEmpty()) {
            return ended;
        }
        List<StreamPart> parts = new ArrayList<>(ended.size() + 1);
        parts.add(new StreamPart.Native("message_stop", "{\"type\":\"message_stop\"}"));
        ended.stream().filter(part -> !usageSent || !(part instanceof StreamPart.Chunk)).forEach(parts::add);
        return parts;
    }
}
