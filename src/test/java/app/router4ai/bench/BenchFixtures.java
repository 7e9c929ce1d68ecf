package app.router4ai.bench;

import app.router4ai.call.ApiCall;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/** What the benchmarks share: the bench kit's request body, a Camel context for exchanges, one ObjectMapper. */
final class BenchFixtures {

    /** bench/payloads/chat.json of the shared kit: the typical ~220-byte non-streaming request. */
    static final byte[] CHAT_BODY = ("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful "
            + "assistant.\"},{\"role\":\"user\",\"content\":\"Benchmark request: reply with a short greeting.\"}],"
            + "\"max_tokens\":64,\"temperature\":0}").getBytes(StandardCharsets.UTF_8);

    /** The Jackson setup of the app is Boot's default; a plain ObjectMapper parses and writes the same bytes here. */
    static final ObjectMapper JSON = new ObjectMapper();

    private static final CamelContext CAMEL = new DefaultCamelContext();

    private BenchFixtures() {
    }

    /** A fresh exchange carrying a fresh ApiCall, as apiCallStarter leaves it. */
    static Exchange exchange() {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setProperty(ApiCall.PROPERTY, new ApiCall());
        return exchange;
    }
}
