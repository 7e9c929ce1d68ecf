package app.router4ai.messages;

import app.router4ai.api.Headers;
import app.router4ai.api.ProviderClientError;
import app.router4ai.call.ApiCall;
import app.router4ai.call.Surface;
import app.router4ai.provider.UpstreamRequest;
import app.router4ai.provider.WireAdapter;
import app.router4ai.provider.WireAdapters;
import app.router4ai.routing.Deployment;
import app.router4ai.routing.ModelCatalog;
import app.router4ai.routing.ProviderResilience;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpMethods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code POST /v1/messages/count_tokens}: the exact count when the first candidate (the one that would answer)
 * speaks Anthropic's format (its own count_tokens, passed through; free, so not billed), else an estimate: one token per four
 * characters of the system prompt, messages and tools as JSON (OpenAI's rule of thumb for English). The
 * answer says which in the {@code x-ram-token-count} header ({@code exact} or {@code estimate}). A provider
 * that cannot count (down, refusing our key) leaves the estimate; one that refuses the request itself
 * answers the client, as a message would.
 */
@Component
public class TokenCounter implements Processor {

    static final String HEADER = "x-ram-token-count";
    private static final Logger log = LoggerFactory.getLogger(TokenCounter.class);
    private static final Set<Integer> CLIENT_ERRORS = Set.of(400, 413, 422);
    private static final int CHARS_PER_TOKEN = 4;

    private final WireAdapters adapters;
    private final ModelCatalog catalog;
    private final ProducerTemplate producer;
    private final ObjectMapper json;

    public TokenCounter(WireAdapters adapters, ModelCatalog catalog, ProducerTemplate producer, ObjectMapper json) {
        this.adapters = adapters;
        this.catalog = catalog;
        this.producer = producer;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        ApiCall call = ApiCall.of(exchange);
        Deployment first = call.remainingCandidates().peek();   // the one that would answer: its tokenizer counts
        WireAdapter adapter = adapters.forWire(first.provider().wire());
        if (adapter.speaks(Surface.MESSAGES)) {
            byte[] exact = exact(call, adapter, first);
            if (exact != null) {
                reply(exchange.getMessage(), call, exact, "exact");
                return;
            }
        }
        reply(exchange.getMessage(), call, json.writeValueAsBytes(json.createObjectNode().put("input_tokens", estimate(call.clientBody()))),
                "estimate");
    }

    /** The provider's own count, or null when it gave none. */
    private byte[] exact(ApiCall call, WireAdapter adapter, Deployment deployment) {
        UpstreamRequest request = adapter.nativeRequest(call, deployment);
        ProviderResilience timeouts = catalog.current().resilience(deployment.providerName());
        Exchange answer = producer.send("http://count-tokens.upstream?throwExceptionOnFailure=false&connectTimeout="
                + timeouts.connectTimeout().toMillis() + "&responseTimeout=" + timeouts.readTimeout().toMillis(), e -> {
            Message m = e.getMessage();
            m.setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
            m.setHeader(Exchange.HTTP_URI, request.url());
            m.setHeader(Exchange.CONTENT_TYPE, "application/json");
            request.headers().forEach(m::setHeader);
            m.setBody(request.body());
        });
        if (answer.getException() != null) {
            log.debug("count_tokens at {} failed: {}", deployment.providerName(), answer.getException().toString());
            return null;
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = answer.getMessage().getBody(byte[].class);
        if (status == 200 && counted(body)) {
            return body;
        }
        if (CLIENT_ERRORS.contains(status)) {
            throw new ProviderClientError(deployment.providerName(), status, body);
        }
        log.debug("count_tokens at {} answered HTTP {}: estimating instead", deployment.providerName(), status);
        return null;
    }

    private boolean counted(byte[] body) {
        try {
            JsonNode count = json.readTree(body).get("input_tokens");
            return count != null && count.canConvertToLong() && count.asLong() >= 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static long estimate(JsonNode body) {
        long chars = body.path("system").toString().length() + body.path("messages").toString().length()
                + (body.has("tools") ? body.get("tools").toString().length() : 0);
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    private static void reply(Message message, ApiCall call, byte[] body, String how) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader(Exchange.HTTP_CHUNKED, false);
        message.setHeader(Headers.REQUEST_ID, call.requestId());
        message.setHeader(HEADER, how);
        message.setBody(body);
    }
}
