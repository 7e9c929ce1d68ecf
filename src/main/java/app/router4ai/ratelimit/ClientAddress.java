package app.router4ai.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * The address a request came from, as the limits count it. Forwarded headers are the servlet container's
 * business: with {@code server.forward-headers-strategy=native} (ROUTER_FORWARD_HEADERS, the default) the
 * server takes the client from X-Forwarded-For only when the direct peer is a configured proxy
 * ({@code router.forwarding.trusted-proxies}), so no client can choose its own address by sending the header.
 * An IPv6 client counts as its /64: one host or subscriber commonly holds a whole /64, and could otherwise
 * take a fresh address for every attempt.
 */
final class ClientAddress {

    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

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
        return request != null ? limitKey(request.getRemoteAddr()) : "unknown";
    }

    /** The address itself for IPv4; the /64 prefix for IPv6 ({@code 2001:db8:1:2::/64}). */
    static String limitKey(String address) {
        String literal = address == null ? "" : address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        if (literal.indexOf(':') < 0 || !IPV6_LITERAL.matcher(literal).matches()) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();   // a literal: parsed, never resolved
            if (bytes.length != 16) {
                return address;
            }
            byte[] prefix = Arrays.copyOf(bytes, 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
