package app.router4ai.moderations;

import app.router4ai.call.Surface;
import app.router4ai.chat.ChatFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/** Moderations as OpenAI answers them ({@code results}), with {@code _ram}; never streamed. */
@Component
public class ModerationsFormat extends ChatFormat {

    public ModerationsFormat(ObjectMapper json) {
        super(json);
    }

    @Override
    public Surface surface() {
        return Surface.MODERATIONS;
    }
}
