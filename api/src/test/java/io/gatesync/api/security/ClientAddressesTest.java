package io.gatesync.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** Which address a sign-in counts for: the connection's, or X-Forwarded-For's client behind trusted proxies. */
class ClientAddressesTest {

    private static ClientAddresses trusting(String... proxies) {
        return new ClientAddresses(DefaultSecuritySettings.trusting(proxies), "none");
    }

    private static String from(ClientAddresses addresses, String peer, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request =
                MockServerHttpRequest.get("/api/people").remoteAddress(new InetSocketAddress(peer, 40_000));
        for (String header : forwardedFor) {
            request.header("X-Forwarded-For", header);
        }
        return addresses.of(MockServerWebExchange.from(request));
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddresses none = trusting();
        assertThat(from(none, "192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(from(none, "192.0.2.1", "203.0.113.9")).isEqualTo("192.0.2.1");
    }

    @Test
    void theHeaderIsWalkedFromTheRightSkippingTrustedProxies() {
        ClientAddresses proxies = trusting("10.0.0.5", "10.1.0.0/16");
        assertThat(from(proxies, "10.0.0.5", "6.6.6.6, 203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(from(proxies, "10.0.0.5", "6.6.6.6, 203.0.113.9, 10.1.7.7")).isEqualTo("203.0.113.9");
        assertThat(from(proxies, "10.0.0.5", "6.6.6.6", "203.0.113.9"))
                .as("several headers are one list")
                .isEqualTo("203.0.113.9");
        assertThat(from(proxies, "192.0.2.1", "203.0.113.9"))
                .as("not from a proxy")
                .isEqualTo("192.0.2.1");
        assertThat(from(proxies, "10.0.0.5"))
                .as("a proxy that says nothing is the client")
                .isEqualTo("10.0.0.5");
        assertThat(from(proxies, "10.0.0.5", "10.1.0.1"))
                .as("only proxies: the furthest one")
                .isEqualTo("10.1.0.1");
        assertThat(from(proxies, "10.0.0.5", "203.0.113.9, not-an-address"))
                .as("garbage stops at the last proxy")
                .isEqualTo("10.0.0.5");
        assertThat(from(proxies, "10.0.0.5", "203.0.113.9:4711")).isEqualTo("203.0.113.9");
        assertThat(from(proxies, "10.0.0.5", "[2001:db8::7]:4711")).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void rangesMatchByPrefixAndNeverLookUpNames() {
        assertThat(IpRange.parse("10.1.0.0/16").contains(IpRange.literal("10.1.255.3")))
                .isTrue();
        assertThat(IpRange.parse("10.1.0.0/16").contains(IpRange.literal("10.2.0.1")))
                .isFalse();
        assertThat(IpRange.parse("10.0.0.0/9").contains(IpRange.literal("10.127.0.1")))
                .isTrue();
        assertThat(IpRange.parse("10.0.0.0/9").contains(IpRange.literal("10.128.0.1")))
                .isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains(IpRange.literal("203.0.113.9")))
                .isTrue();
        assertThat(IpRange.parse("2001:db8::/32").contains(IpRange.literal("2001:db8:1::1")))
                .isTrue();
        assertThat(IpRange.parse("2001:db8::/32").contains(IpRange.literal("10.0.0.1")))
                .isFalse();
        assertThat(IpRange.parse("10.0.0.1").contains(IpRange.literal("::ffff:10.0.0.1")))
                .isTrue();
        for (String bad : List.of("proxy.example.com", "localhost", "10.0.0", "10.0.0.0/33", "10.0.0.0/x", "")) {
            assertThat(IpRange.isValid(bad)).as(bad).isFalse();
        }
    }
}
