package app.router4ai.provider;

/**
 * The client asked for something the chosen provider's wire format cannot express (for example
 * {@code n > 1} on Anthropic). Thrown by a {@link WireAdapter} while it builds the upstream request,
 * before anything is sent; the caller answers HTTP 400 {@code invalid_request_error} with this
 * {@code param} and message, in OpenAI's error shape.
 */
public class UnsupportedRequest extends RuntimeException {

    private final String param;

    public UnsupportedRequest(String param, String message) {
        super(message, null, false, false);
        this.param = param;
    }

    /** The request field at fault, in OpenAI's dotted/indexed notation (e.g. {@code messages[2].content[0].type}). */
    public String param() {
        return param;
    }
}
