package app.router4ai.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which X-Forwarded-For entry is the client, once the direct peer is a private proxy. */
class TrustedProxyForwardingTest {

    @Test
    void theClientIsTheRightmostAddressThatIsNotAPrivateProxy() {
        assertThat(TrustedProxyForwarding.client("203.0.113.7")).isEqualTo("203.0.113.7");
        // whatever the client wrote in front of its own address is ignored
        assertThat(TrustedProxyForwarding.client("198.51.100.1, 203.0.113.7")).isEqualTo("203.0.113.7");
        // proxies on private addresses between the client and us are skipped
        assertThat(TrustedProxyForwarding.client("198.51.100.1, 203.0.113.7, 10.1.2.3, 172.16.0.9")).isEqualTo("203.0.113.7");
        assertThat(TrustedProxyForwarding.client("2001:db8::1, fc00::2, ::1")).isEqualTo("2001:db8::1");
    }

    @Test
    void aChainOfPrivateAddressesOnlyGivesTheFirstAndNamesAreNeverTrusted() {
        assertThat(TrustedProxyForwarding.client("192.168.1.20, 10.0.0.1")).isEqualTo("192.168.1.20");
        assertThat(TrustedProxyForwarding.client("10.0.0.5, unknown, 10.0.0.1")).isEqualTo("unknown");
        assertThat(TrustedProxyForwarding.client("10.0.0.5, localhost")).isEqualTo("localhost");
    }
}
