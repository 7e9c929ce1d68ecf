package app.router4ai.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * The address a request came from. Forwarded headers are the servlet container's business:
 * with {@code server.forward-headers-strategy=native} (ROUTER_FORWARD_HEADERS, the default) the server
 * takes the client from X-Forwarded-For only when the direct peer is a proxy on a private address,
 * so a client on the internet cannot choose its own address by sending the header.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * On Spring Boot, platform-http hands Camel a {@link PlatformHttpMessage} holding the servlet
     * request (no {@code CamelHttpServletRequest} header as camel-servlet has).
     */
    static String of(Exchange exchange) {
        Message in = exchange.getIn();
        HttpServletRequest request = in instanceof PlatformHttpMessage http ? http.getRequest()
                : in.getHeader("CamelHttpServletRequest", HttpServletRequest.class);
        return request != null ? request.getRemoteAddr() : "unknown";
    }
}
