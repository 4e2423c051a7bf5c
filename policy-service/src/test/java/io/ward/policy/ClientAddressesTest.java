package io.ward.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ward.policy.auth.AddressRange;
import io.ward.policy.auth.ClientAddresses;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address names the client, for the default trusted proxies (loopback) and for a configured range. */
class ClientAddressesTest {

    private final ClientAddresses loopback = new ClientAddresses(TestAuthConfig.trusting("127.0.0.0/8", "::1"));

    @Test
    void aTrustedPeerIsBelievedFromTheRightUpToTheFirstUntrustedAddress() {
        assertEquals("127.0.0.1", loopback.client("127.0.0.1", List.of()));
        assertEquals("203.0.113.7", loopback.client("127.0.0.1", List.of("203.0.113.7")));
        assertEquals("203.0.113.7", loopback.client("127.0.0.1", List.of("198.51.100.1, 203.0.113.7")));
        assertEquals("203.0.113.7", loopback.client("127.0.0.1", List.of("198.51.100.1", "203.0.113.7")));
        assertEquals("203.0.113.7", loopback.client("127.0.0.1", List.of("198.51.100.1,203.0.113.7 , 127.0.0.1")));
        assertEquals("127.0.0.2", loopback.client("::1", List.of("127.0.0.2")));
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItSends() {
        assertEquals("203.0.113.7", loopback.client("203.0.113.7", List.of("127.0.0.1")));
        assertEquals("203.0.113.7", loopback.client("203.0.113.7", List.of("198.51.100.1")));
        assertEquals("203.0.113.7", loopback.client("::ffff:203.0.113.7", List.of("198.51.100.1")));
    }

    @Test
    void anEntryThatIsNotAnAddressEndsTheWalkAndNamesAreNeverResolved() {
        assertEquals("127.0.0.1", loopback.client("127.0.0.1", List.of("203.0.113.7, localhost")));
        assertEquals("127.0.0.1", loopback.client("127.0.0.1", List.of("")));
        assertEquals("10.1.2.3", loopback.client("127.0.0.1", List.of("unknown, 10.1.2.3")));
    }

    @Test
    void ipv6ClientsAreNamedByTheirSlash64() {
        assertEquals("2001:db8:1:2:0:0:0:0/64", loopback.client("127.0.0.1", List.of("2001:db8:1:2::abcd")));
        assertEquals("2001:db8:1:2:0:0:0:0/64", loopback.client("2001:db8:1:2:ffff::1", List.of()));
    }

    @Test
    void rangesAreParsedStrictly() {
        AddressRange range = AddressRange.of("10.0.0.0/9");
        assertEquals("10.0.0.0/9", range.toString());
        assertEquals("0:0:0:0:0:0:0:1/128", AddressRange.of("::1").toString());
        assertEquals("'example.com' is not an IP address or CIDR range",
                assertThrows(IllegalArgumentException.class, () -> AddressRange.of("example.com")).getMessage());
        assertEquals("'10.0.0.0/33' has a prefix length outside 0-32",
                assertThrows(IllegalArgumentException.class, () -> AddressRange.of("10.0.0.0/33")).getMessage());
        assertEquals("'::/-1' has a prefix length outside 0-128",
                assertThrows(IllegalArgumentException.class, () -> AddressRange.of("::/-1")).getMessage());
    }

    @Test
    void aConfiguredRangeMatchesOnItsPrefixBits() {
        ClientAddresses proxies = new ClientAddresses(TestAuthConfig.trusting("10.0.0.0/9"));
        assertEquals("203.0.113.7", proxies.client("10.127.255.255", List.of("203.0.113.7")));
        assertEquals("10.128.0.0", proxies.client("10.128.0.0", List.of("203.0.113.7")));
        assertEquals("127.0.0.1", proxies.client("127.0.0.1", List.of("203.0.113.7")));
    }
}
