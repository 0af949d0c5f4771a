package org.anju.platform.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The special-purpose address ranges (IANA's IPv4 and IPv6 special-purpose registries) that a
 * webhook may not be delivered to: loopback, private, link-local, shared, benchmarking, reserved,
 * documentation, multicast, broadcast and unspecified addresses, and the IPv6 forms that embed an
 * IPv4 address (IPv4-mapped, 6to4, NAT64) when the embedded address is one of those.
 * <p>
 * IPv6 is checked as an allow-list: only global unicast (2000::/3) and the NAT64 well-known prefix
 * can pass; IPv4-compatible addresses (::/96, deprecated) and local-use NAT64 (64:ff9b:1::/48,
 * whose embedding depends on the operator's prefix length) are refused whatever they embed.
 */
final class SpecialAddresses {

    /** A CIDR range and the name given in the refusal. */
    private record Range(byte[] prefix, int bits, String name) {

        static Range of(String cidr, String name) {
            int slash = cidr.indexOf('/');
            return new Range(literal(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)),
                    name + " (" + cidr + ")");
        }

        boolean contains(byte[] address) {
            return address.length == prefix.length && matches(address, prefix, bits);
        }
    }

    private static final List<Range> IPV4 = List.of(
            Range.of("0.0.0.0/32", "unspecified"),
            Range.of("0.0.0.0/8", "'this network'"),
            Range.of("10.0.0.0/8", "private"),
            Range.of("100.64.0.0/10", "shared address space"),
            Range.of("127.0.0.0/8", "loopback"),
            Range.of("169.254.0.0/16", "link-local"),
            Range.of("172.16.0.0/12", "private"),
            Range.of("192.0.0.0/24", "IETF protocol assignments"),
            Range.of("192.0.2.0/24", "documentation"),
            Range.of("192.88.99.0/24", "deprecated 6to4 relay anycast"),
            Range.of("192.168.0.0/16", "private"),
            Range.of("198.18.0.0/15", "benchmarking"),
            Range.of("198.51.100.0/24", "documentation"),
            Range.of("203.0.113.0/24", "documentation"),
            Range.of("224.0.0.0/4", "multicast"),
            Range.of("255.255.255.255/32", "broadcast"),
            Range.of("240.0.0.0/4", "reserved"));

    private static final Range UNSPECIFIED_V6 = Range.of("::/128", "unspecified");
    private static final Range LOOPBACK_V6 = Range.of("::1/128", "loopback");
    private static final Range MAPPED = mapped();
    private static final Range COMPATIBLE = Range.of("::/96", "IPv4-compatible");
    private static final Range NAT64 = Range.of("64:ff9b::/96", "NAT64");
    private static final Range SIX_TO_FOUR = Range.of("2002::/16", "6to4");
    private static final Range GLOBAL_UNICAST = Range.of("2000::/3", "global unicast");

    private static final List<Range> IPV6 = List.of(
            Range.of("64:ff9b:1::/48", "local-use NAT64"),
            Range.of("100::/64", "discard-only"),
            Range.of("2001:db8::/32", "documentation"),
            Range.of("2001::/23", "IETF protocol assignments"),
            Range.of("3fff::/20", "documentation"),
            Range.of("5f00::/16", "segment routing"),
            Range.of("fc00::/7", "unique local"),
            Range.of("fe80::/10", "link-local"),
            Range.of("fec0::/10", "deprecated site-local"),
            Range.of("ff00::/8", "multicast"));

    private SpecialAddresses() {
    }

    /**
     * Returns why the address may not be a webhook target (its range, e.g. {@code "private
     * (10.0.0.0/8)"}), or empty when it is a public unicast address.
     */
    static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? refusalV4(bytes) : refusalV6(bytes);
    }

    private static Optional<String> refusalV4(byte[] address) {
        return IPV4.stream().filter(r -> r.contains(address)).findFirst().map(Range::name);
    }

    private static Optional<String> refusalV6(byte[] address) {
        for (Range exact : List.of(UNSPECIFIED_V6, LOOPBACK_V6, COMPATIBLE)) {
            if (exact.contains(address)) {
                return Optional.of(exact.name());
            }
        }
        if (MAPPED.contains(address) || NAT64.contains(address)) {
            return embedded(address, 12, MAPPED.contains(address) ? MAPPED : NAT64);
        }
        if (SIX_TO_FOUR.contains(address)) {
            return embedded(address, 2, SIX_TO_FOUR);
        }
        Optional<String> special = IPV6.stream().filter(r -> r.contains(address)).findFirst().map(Range::name);
        if (special.isPresent() || GLOBAL_UNICAST.contains(address)) {
            return special;
        }
        return Optional.of("not global unicast (outside 2000::/3)");
    }

    /** Checks the IPv4 address embedded at {@code offset}; the refusal names both forms. */
    private static Optional<String> embedded(byte[] address, int offset, Range form) {
        byte[] v4 = Arrays.copyOfRange(address, offset, offset + 4);
        return refusalV4(v4).map(reason -> form.name() + " of " + reason);
    }

    private static boolean matches(byte[] address, byte[] prefix, int bits) {
        for (int i = 0; i < bits / 8; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (address[bits / 8] & mask) == (prefix[bits / 8] & mask);
    }

    /** ::ffff:0:0/96, built by hand: the JDK turns the literal into an IPv4 address. */
    private static Range mapped() {
        byte[] prefix = new byte[16];
        prefix[10] = (byte) 0xff;
        prefix[11] = (byte) 0xff;
        return new Range(prefix, 96, "IPv4-mapped (::ffff:0:0/96)");
    }

    private static byte[] literal(String text) {
        try {
            // a literal: no name lookup happens
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + text, e);
        }
    }
}
