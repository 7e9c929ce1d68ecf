package app.router4ai.idempotency;

import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The last step of an API route: when the request claimed an Idempotency-Key, its successful answer is kept as
 * the client gets it (a stream is copied as it is read), to be stored when the exchange ends ({@link IdempotencyGate}).
 */
@Component
public class IdempotencyCapture implements Processor {

    @Override
    public void process(Exchange exchange) {
        IdempotentAnswer answer = exchange.getProperty(IdempotentAnswer.PROPERTY, IdempotentAnswer.class);
        Message message = exchange.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (answer == null || (status != null && status != 200)) {
            return;
        }
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        Object body = message.getBody();
        if (body instanceof InputStream stream) {
            message.setBody(answer.stream(stream, contentType));
        } else if (body != null) {
            answer.whole(message.getBody(byte[].class), contentType);
        }
    }
}
