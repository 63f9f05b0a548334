package io.gatesync.api.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The address a sign-in comes from, as {@link LoginThrottle} counts it: the connection's peer, unless that peer is a
 * trusted proxy ({@code GATESYNC_SECURITY_TRUSTED_PROXIES}); then {@code X-Forwarded-For} is walked from the right,
 * skipping trusted proxies, and the first address that is not one is the client. Anything left of it was written by
 * the client and is ignored. An entry that is not an IP address stops the walk at the last trusted hop.
 * <p>
 * Read from the connection and the headers as they arrived, whatever {@code server.forward-headers-strategy} says:
 * Reactor Netty ({@code native}, and Spring Boot's default on Kubernetes) and Spring's ForwardedHeaderTransformer
 * ({@code framework}) both take the left-most {@code X-Forwarded-For} entry, which any client can write.
 */
@Component
class ClientAddresses {

    private static final Logger log = LoggerFactory.getLogger(ClientAddresses.class);
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String UNKNOWN = "unknown";

    private final List<IpRange> trusted;

    ClientAddresses(SecuritySettings settings, @Value("${server.forward-headers-strategy:none}") String strategy) {
        this.trusted = settings.trustedProxies().stream().map(IpRange::parse).toList();
        if (trusted.isEmpty() && !strategy.equalsIgnoreCase("none")) {
            log.warn(
                    "server.forward-headers-strategy={} but GATESYNC_SECURITY_TRUSTED_PROXIES is empty: sign-in "
                            + "throttling counts the proxy's address for every client behind it; list the proxies there",
                    strategy);
        }
    }

    String of(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        SocketAddress connection;
        List<String> forwarded;
        if (nativeRequest(request) instanceof HttpServerRequest netty) {
            connection = netty.connectionRemoteAddress();
            forwarded = netty.requestHeaders().getAll(X_FORWARDED_FOR);
        } else {
            connection = request.getRemoteAddress();
            forwarded = request.getHeaders().getOrEmpty(X_FORWARDED_FOR);
        }
        InetAddress peer = connection instanceof InetSocketAddress socket ? socket.getAddress() : null;
        return peer == null ? UNKNOWN : client(peer, forwarded).getHostAddress();
    }

    /** The first hop, from the right, that is not a trusted proxy. */
    InetAddress client(InetAddress peer, List<String> forwardedFor) {
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) { // several headers read as one list, in order
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0 && trusts(client); i--) {
            InetAddress next = IpRange.literal(withoutPort(hops.get(i)));
            if (next == null) {
                break;
            }
            client = next;
        }
        return client;
    }

    private boolean trusts(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    /** {@code [2001:db8::1]:443} and {@code 192.0.2.1:443} as proxies may write them, without the port. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    private static Object nativeRequest(ServerHttpRequest request) {
        try {
            return ServerHttpRequestDecorator.getNativeRequest(request);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null; // not a server's request (a mock): its own remote address and headers
        }
    }
}
