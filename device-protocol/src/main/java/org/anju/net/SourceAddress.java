package org.anju.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The key under which failures from a client's address are counted, by the HTTP log-in throttle
 * and the MQTT gateway's bad-credential throttle alike: an IPv4 address as it is (an IPv4-mapped
 * IPv6 address as its IPv4 address), an IPv6 address as its /64 prefix, since one host usually
 * has a whole /64 to pick addresses from; anything that is not an IP literal as given (stripped).
 * No name is ever looked up.
 */
public final class SourceAddress {

    /** The key of an unknown address. */
    public static final String UNKNOWN = "unknown";
    private static final int IPV6_PREFIX_BYTES = 8;

    private SourceAddress() {
    }

    /** Returns the key of a source address. */
    public static String key(String address) {
        if (address == null || address.isBlank()) {
            return UNKNOWN;
        }
        String literal = address.strip();
        if (literal.indexOf(':') < 0 || !literal.matches("[0-9A-Za-z:.%]+")) {
            return literal;
        }
        try {
            // with a colon and no other punctuation, getByName parses an IPv6 literal and never asks DNS
            InetAddress parsed = InetAddress.getByName(literal.replaceAll("%.*$", ""));
            if (parsed instanceof Inet6Address v6) {
                byte[] bytes = v6.getAddress();
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
                    prefix.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
                }
                return prefix.append(":/64").toString();
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException | SecurityException notALiteral) {
            return literal;
        }
    }
}
