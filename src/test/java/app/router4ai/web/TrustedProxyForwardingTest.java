package app.router4ai.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which X-Forwarded-For entry is the client, once the direct peer is a trusted proxy. */
class TrustedProxyForwardingTest {

    private final TrustedProxyForwarding forwarding = new TrustedProxyForwarding(
            new ForwardingSettings(List.of("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "fc00::/7", "::1/128")).addresses());

    @Test
    void theClientIsTheRightmostAddressThatIsNotATrustedProxy() {
        assertThat(forwarding.client("203.0.113.7")).isEqualTo("203.0.113.7");
        // whatever the client wrote in front of its own address is ignored
        assertThat(forwarding.client("198.51.100.1, 203.0.113.7")).isEqualTo("203.0.113.7");
        // trusted proxies between the client and us are skipped
        assertThat(forwarding.client("198.51.100.1, 203.0.113.7, 10.1.2.3, 172.16.0.9")).isEqualTo("203.0.113.7");
        assertThat(forwarding.client("2001:db8::1, fc00::2, ::1")).isEqualTo("2001:db8::1");
    }

    @Test
    void aPrivateAddressThatIsNotAConfiguredProxyIsAClient() {
        // 192.168.0.0/16 is private, but not one of our proxies: it is where the request came from
        assertThat(forwarding.client("203.0.113.7, 192.168.1.20, 10.0.0.1")).isEqualTo("192.168.1.20");
    }

    @Test
    void aChainOfTrustedAddressesOnlyGivesTheFirstAndNamesAreNeverTrusted() {
        assertThat(forwarding.client("10.9.1.20, 10.0.0.1")).isEqualTo("10.9.1.20");
        assertThat(forwarding.client("10.0.0.5, unknown, 10.0.0.1")).isEqualTo("unknown");
        assertThat(forwarding.client("10.0.0.5, localhost")).isEqualTo("localhost");
    }

    @Test
    void trustedProxiesAreAddressesOrRangesNeverNames() {
        assertThat(new ForwardingSettings(List.of(" 10.0.0.0/8 ", "", "2001:db8::/32")).trustedProxies())
                .containsExactly("10.0.0.0/8", "2001:db8::/32");
        assertThat(new ForwardingSettings(List.of()).trustedProxies()).isEmpty();
        for (String bad : List.of("proxy.internal", "10.0.0.0/99", "10.0.0/8x")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ForwardingSettings(List.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
