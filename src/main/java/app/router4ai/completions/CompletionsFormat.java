package app.router4ai.completions;

import app.router4ai.call.Surface;
import app.router4ai.chat.ChatFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * Legacy completions as OpenAI answers them: the provider's {@code text_completion} with {@code _ram}; a stream
 * is chat's framing ({@code data:} chunks, {@code _ram} on the usage or finish chunk, {@code [DONE]}).
 */
@Component
public class CompletionsFormat extends ChatFormat {

    public CompletionsFormat(ObjectMapper json) {
        super(json);
    }

    @Override
    public Surface surface() {
        return Surface.COMPLETIONS;
    }
}
