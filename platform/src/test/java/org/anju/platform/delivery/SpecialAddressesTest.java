package org.anju.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which addresses a webhook may not be delivered to: every special-purpose range, in its IPv4 and
 * IPv6 forms, at both of its boundaries, and the public addresses just outside them.
 */
class SpecialAddressesTest {

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0                  | unspecified
            0.255.255.255            | this network
            10.0.0.0                 | private
            10.255.255.255           | private
            100.64.0.0               | shared
            100.127.255.255          | shared
            127.0.0.1                | loopback
            127.255.255.255          | loopback
            169.254.0.0              | link-local
            169.254.169.254          | link-local
            169.254.255.255          | link-local
            172.16.0.0               | private
            172.31.255.255           | private
            192.0.0.0                | IETF protocol assignments
            192.0.0.255              | IETF protocol assignments
            192.0.2.0                | documentation
            192.0.2.255              | documentation
            192.88.99.1              | 6to4 relay anycast
            192.168.0.0              | private
            192.168.255.255          | private
            198.18.0.0               | benchmarking
            198.19.255.255           | benchmarking
            198.51.100.7             | documentation
            203.0.113.255            | documentation
            224.0.0.0                | multicast
            239.255.255.255          | multicast
            240.0.0.0                | reserved
            254.255.255.255          | reserved
            255.255.255.255          | broadcast
            ::                       | unspecified
            ::1                      | loopback
            ::ffff:127.0.0.1         | loopback
            ::ffff:10.1.2.3          | private
            ::ffff:169.254.169.254   | link-local
            ::7f00:1                 | IPv4-compatible
            ::a01:203                | IPv4-compatible
            ::808:808                | IPv4-compatible
            2002:7f00:1::            | 6to4
            2002:a9fe:a9fe::1        | 6to4
            2002:c0a8:101::          | 6to4
            2002:c612:1::            | 6to4
            64:ff9b::7f00:1          | NAT64
            64:ff9b::a9fe:a9fe       | NAT64
            64:ff9b::6440:1          | NAT64
            64:ff9b:1::808:808       | local-use NAT64
            64:ff9b:1:ffff:ffff:ffff:ffff:ffff | local-use NAT64
            100::                    | discard-only
            100::ffff:ffff:ffff:ffff | discard-only
            2001::                   | IETF protocol assignments
            2001:0:4136:e378:8000:63bf:3fff:fdd2 | IETF protocol assignments
            2001:2::1                | IETF protocol assignments
            2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff | IETF protocol assignments
            2001:db8::               | documentation
            2001:db8:ffff:ffff:ffff:ffff:ffff:ffff | documentation
            3fff::                   | documentation
            3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff | documentation
            5f00::1                  | segment routing
            fc00::                   | unique local
            fd12:3456::1             | unique local
            fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | unique local
            fe80::                   | link-local
            febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff | link-local
            fec0::1                  | site-local
            ff02::1                  | multicast
            ff0e::101                | multicast
            4000::1                  | not global unicast
            e000::1                  | not global unicast
            """)
    void specialAddressesAreRefusedWithTheirRange(String address, String range) throws UnknownHostException {
        assertThat(SpecialAddresses.refusal(parse(address))).as(address).hasValueSatisfying(
                reason -> assertThat(reason).containsIgnoringCase(range));
    }

    @ParameterizedTest(name = "{0} is allowed")
    @CsvSource(textBlock = """
            1.0.0.0
            8.8.8.8
            9.255.255.255
            11.0.0.0
            100.63.255.255
            100.128.0.0
            126.255.255.255
            128.0.0.0
            169.253.255.255
            169.255.0.0
            172.15.255.255
            172.32.0.0
            192.0.1.0
            192.0.3.0
            192.167.255.255
            192.169.0.0
            198.17.255.255
            198.20.0.0
            203.0.112.255
            203.0.114.0
            223.255.255.255
            ::ffff:8.8.8.8
            2002:808:808::1
            64:ff9b::808:808
            2000::1
            2001:200::1
            2001:db7:ffff:ffff:ffff:ffff:ffff:ffff
            2001:db9::
            2400:cb00:2048:1::6814:155
            3ffe:ffff::1
            3fff:1000::
            """)
    void publicAddressesAreAllowed(String address) throws UnknownHostException {
        assertThat(SpecialAddresses.refusal(parse(address))).as(address).isEmpty();
    }

    /**
     * Parses a literal, keeping IPv4-mapped IPv6 addresses in their IPv6 form: a resolver may hand
     * them over as {@link Inet6Address} although {@link InetAddress#getByName} turns them into IPv4.
     */
    private static InetAddress parse(String literal) throws UnknownHostException {
        InetAddress parsed = InetAddress.getByName(literal);
        if (literal.contains(":") && parsed.getAddress().length == 4) {
            byte[] mapped = HexFormat.of().parseHex("00000000000000000000ffff");
            byte[] bytes = new byte[16];
            System.arraycopy(mapped, 0, bytes, 0, 12);
            System.arraycopy(parsed.getAddress(), 0, bytes, 12, 4);
            return Inet6Address.getByAddress(null, bytes, null);
        }
        return parsed;
    }
}
