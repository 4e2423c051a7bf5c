package io.ward.policy.auth;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** IP address literals parsed without ever asking DNS (InetAddress.getByName would resolve a host name). */
final class IpLiterals {

    private IpLiterals() {
    }

    /** The address {@code text} spells, or empty if it is not an IPv4 or IPv6 literal; IPv4-mapped IPv6 becomes IPv4. */
    static Optional<InetAddress> parse(String text) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text.strip());
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty(); // only for a wrong length, which the parser never returns
        }
    }
}
