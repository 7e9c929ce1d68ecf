package app.router4ai.messages;

import app.router4ai.chat.SseLines;
import app.router4ai.support.AllProvidersTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** A tenant, and Anthropic-client requests to {@code /v1/messages} (x-api-key, anthropic-version) as Claude Code sends them. */
abstract class MessagesTestBase extends AllProvidersTest {

    protected TenantKey tenant;

    @BeforeEach
    void tenant() {
        tenant = newTenantKey();
    }

    protected HttpResponse<String> messages(String body, String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "x-api-key";
        all[1] = tenant.key();
        all[2] = "anthropic-version";
        all[3] = "2023-06-01";
        System.arraycopy(headers, 0, all, 4, headers.length);
        return send("POST", "/v1/messages?beta=true", null, body, all);
    }

    /** One server-sent event of an Anthropic stream. */
    record Event(String name, String data) {

        JsonNode json() {
            return readJson(data);
        }

        static List<Event> parse(String sse) {
            return SseLines.events(sse).stream().filter(e -> e.name() != null).map(e -> new Event(e.name(), e.data())).toList();
        }
    }
}
