package app.router4ai.messages;

import app.router4ai.api.ApiError;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Any other path under {@code /v1/messages} (batches, ...), reached after the key was checked: a wrong key
 * there is a 401 like everywhere on the API, a right one learns the path is not served here (404).
 */
@Component
public class UnservedMessagesPath implements Processor {

    @Override
    public void process(Exchange exchange) {
        String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
        String path = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        throw ApiError.notFound("unknown_url", "Not served by this router: " + method + " " + path
                + ". It serves POST /v1/messages and POST /v1/messages/count_tokens.");
    }
}
