package app.router4ai.messages;

import app.router4ai.support.AllProvidersTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
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
            List<Event> events = new ArrayList<>();
            for (String block : sse.split("\n\n")) {
                String name = null;
                StringBuilder data = new StringBuilder();
                for (String line : block.split("\n")) {
                    if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    }
                }
                if (name != null) {
                    events.add(new Event(name, data.toString()));
                }
            }
            return events;
        }
    }
}
