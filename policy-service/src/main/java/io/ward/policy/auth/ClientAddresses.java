package io.ward.policy.auth;

import io.ward.policy.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Names the client a login comes from, for throttling. The direct peer is the client unless it is a trusted proxy
 * ({@code ward.auth.trusted-proxies}, loopback by default: the front door shares the host, or the container group's
 * localhost in ACI). Then X-Forwarded-For is read from the right, skipping trusted proxies, and the first address
 * that is not one is the client: every proxy appends the address it saw, so only the right-hand entries were written
 * by someone we trust; the left-most is whatever the client chose to send. (Quarkus' own proxy-address-forwarding
 * takes the left-most, which is why it stays off.)
 *
 * <p>IPv6 clients are named by their /64, which one subscriber usually holds whole.
 */
@ApplicationScoped
public class ClientAddresses {

    private final List<AddressRange> trustedProxies;

    public ClientAddresses(AuthConfig config) {
        this.trustedProxies = config.trustedProxies();
    }

    /**
     * @param peer         the address the connection comes from
     * @param forwardedFor every X-Forwarded-For header line, in the order received
     */
    public String client(String peer, List<String> forwardedFor) {
        Optional<InetAddress> peerAddress = IpLiterals.parse(peer);
        if (peerAddress.isEmpty()) {
            return peer;
        }
        InetAddress client = peerAddress.get();
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(line -> hops.addAll(Arrays.asList(line.split(","))));
        for (int i = hops.size() - 1; i >= 0 && trusted(client); i--) {
            Optional<InetAddress> hop = IpLiterals.parse(hops.get(i));
            if (hop.isEmpty()) {
                break; // not an address a proxy writes: the last address we could vouch for names the client
            }
            client = hop.get();
        }
        return name(client);
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    private static String name(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address.getHostAddress();
    }
}
