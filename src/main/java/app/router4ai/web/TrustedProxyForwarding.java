package app.router4ai.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * X-Forwarded-For/-Proto/-Host, believed only from a configured proxy ({@link ForwardingSettings}), the way
 * Tomcat's RemoteIpValve does it. Jetty's own customizer believes any peer and takes the leftmost
 * X-Forwarded-For entry, which the client writes: anyone could pick the address the failed-auth limiter
 * counts against. Here the client is the rightmost entry that is not itself a trusted proxy.
 */
final class TrustedProxyForwarding implements HttpConfiguration.Customizer {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final InetAddressSet trusted;
    private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

    TrustedProxyForwarding(InetAddressSet trusted) {
        this.trusted = trusted;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        if (!(request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress peer)
                || !trusted.test(peer.getAddress())) {
            return request;   // not from our proxy: its X-Forwarded-* headers mean nothing
        }
        HttpFields headers = request.getHeaders();
        String chain = headers.getField(HttpHeader.X_FORWARDED_FOR) == null ? null
                : String.join(",", headers.getValuesList(HttpHeader.X_FORWARDED_FOR));
        if (chain != null) {
            HttpFields.Mutable oneClient = HttpFields.build(headers).put(HttpHeader.X_FORWARDED_FOR, client(chain));
            request = new Request.Wrapper(request) {
                @Override
                public HttpFields getHeaders() {
                    return oneClient;
                }
            };
        }
        return forwarded.customize(request, responseHeaders);
    }

    /** From the right, skipping the trusted proxies the request came through; all trusted: the leftmost. */
    String client(String chain) {
        String[] hops = chain.split(",");
        for (int i = hops.length - 1; i > 0; i--) {
            if (!isTrusted(hops[i].trim())) {
                return hops[i].trim();
            }
        }
        return hops[0].trim();
    }

    private boolean isTrusted(String hop) {
        if (!IP_LITERAL.matcher(hop).matches()) {
            return false;   // "unknown", an obfuscated id, a name: never resolved, never trusted
        }
        try {
            return trusted.test(InetAddress.getByName(hop));   // a literal: parsed, no DNS
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
