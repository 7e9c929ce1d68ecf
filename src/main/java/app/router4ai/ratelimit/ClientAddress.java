package app.router4ai.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/** The address a request came from, as far as this router can trust it. */
final class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private ClientAddress() {
    }

    /**
     * On Spring Boot, platform-http hands Camel a {@link PlatformHttpMessage} holding the servlet
     * request (no {@code CamelHttpServletRequest} header as camel-servlet has). With
     * {@code trustForwardedFor}, the last X-Forwarded-For entry: the one our own proxy appended
     * (earlier entries are whatever the client chose to send).
     */
    static String of(Exchange exchange, boolean trustForwardedFor) {
        Message in = exchange.getIn();
        if (trustForwardedFor) {
            String forwarded = in.getHeader(FORWARDED_FOR, String.class);
            if (forwarded != null && !forwarded.isBlank()) {
                int comma = forwarded.lastIndexOf(',');
                String last = (comma < 0 ? forwarded : forwarded.substring(comma + 1)).trim();
                if (!last.isEmpty()) {
                    return last;
                }
            }
        }
        HttpServletRequest request = in instanceof PlatformHttpMessage http ? http.getRequest()
                : in.getHeader("CamelHttpServletRequest", HttpServletRequest.class);
        return request != null ? request.getRemoteAddr() : "unknown";
    }
}
