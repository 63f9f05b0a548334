package io.gatesync.api.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.netty.util.NetUtil;

/**
 * One IP address or a CIDR range ({@code 10.0.0.5}, {@code 10.1.0.0/16}, {@code 2001:db8::/32}): a trusted proxy.
 * Text is only ever read as an address literal, never looked up in DNS: a setting or header naming a host must not
 * make a sign-in wait for a resolver (or let whoever runs it choose the answer).
 */
record IpRange(InetAddress network, int prefixBits) {

    static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static IpRange parse(String text) {
        int slash = text.indexOf('/');
        InetAddress network = literal(slash < 0 ? text : text.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        int bits = network.getAddress().length * 8;
        if (slash < 0) {
            return new IpRange(network, bits);
        }
        try {
            int prefix = Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length out of range: " + text);
            }
            return new IpRange(network, prefix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length: " + text, e);
        }
    }

    /** The address this literal names (IPv4-mapped IPv6 addresses as IPv4), or null if it is not one. */
    static InetAddress literal(String text) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text.trim());
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes); // no look-up: turns ::ffff:a.b.c.d into a.b.c.d
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean contains(InetAddress address) {
        byte[] want = network.getAddress();
        byte[] have = address.getAddress();
        if (want.length != have.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (want[i] != have[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return rest == 0 || (want[full] & mask) == (have[full] & mask);
    }
}
