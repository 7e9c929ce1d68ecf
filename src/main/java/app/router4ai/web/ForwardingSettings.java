package app.router4ai.web;

import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code router.forwarding.*}: who may tell the router where a request came from.
 *
 * @param trustedProxies addresses or CIDR ranges of the reverse proxies in front of the router
 *                       ({@code ROUTER_TRUSTED_PROXIES}, comma-separated). Only a request whose direct peer is one of
 *                       them has its X-Forwarded-For/-Proto/-Host believed, and the client is the rightmost
 *                       X-Forwarded-For entry that is not one of them. Default: loopback only (a proxy on the same
 *                       host). Being on a private network is not enough: any client there could name its own address
 *                       and escape the failed-authentication limit. Empty: believe no one.
 */
@ConfigurationProperties("router.forwarding")
public record ForwardingSettings(@DefaultValue({"127.0.0.0/8", "::1/128"}) List<String> trustedProxies) {

    /** An IPv4 or IPv6 literal, optionally with a /prefix: never a name (it would be resolved, and could change). */
    private static final Pattern ADDRESS_OR_CIDR = Pattern.compile("[0-9A-Fa-f:.]{2,45}(/\\d{1,3})?");

    public ForwardingSettings {
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String proxy : trustedProxies) {
            if (!ADDRESS_OR_CIDR.matcher(proxy).matches()) {
                throw new IllegalArgumentException("router.forwarding.trusted-proxies: '" + proxy
                        + "' is not an IP address or CIDR range (e.g. 10.0.0.0/8, 2001:db8::/32)");
            }
            new InetAddressSet().add(proxy);   // throws on a malformed address or prefix
        }
    }

    InetAddressSet addresses() {
        InetAddressSet set = new InetAddressSet();
        trustedProxies.forEach(set::add);
        return set;
    }
}
