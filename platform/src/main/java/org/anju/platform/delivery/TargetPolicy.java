package org.anju.platform.delivery;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.anju.error.ClientError;

/**
 * Which receivers deliveries may go to: {@code http} and {@code https} URLs only, and, unless
 * private targets are allowed, no loopback, private, link-local (cloud metadata), shared-address or
 * multicast addresses, so that a subscription cannot be used to probe the internal network.
 * <p>
 * Addresses are checked when a subscription is made and again before every attempt (a name may
 * resolve elsewhere later).
 */
public final class TargetPolicy {

    static final int MAX_URL_LENGTH = 2000;

    private final boolean allowPrivate;

    public TargetPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /**
     * Checks the form of a receiver URL.
     *
     * @throws ClientError 400 naming what is wrong
     */
    public URI checkUrl(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw ClientError.badRequest("'url' must be an http or https URL of at most " + MAX_URL_LENGTH
                    + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw ClientError.badRequest("'url' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ClientError.badRequest("'url' must use http or https, not '" + scheme + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ClientError.badRequest("'url' must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ClientError.badRequest("'url' must not hold credentials; give 'authorization' instead");
        }
        if (uri.getRawFragment() != null) {
            throw ClientError.badRequest("'url' must not have a fragment");
        }
        return uri;
    }

    /**
     * Resolves the URL's host and checks its addresses. Blocks on name resolution.
     *
     * @throws ClientError 400 when the host does not resolve or resolves to a refused address
     */
    public void checkAddresses(URI uri) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw ClientError.badRequest("host '" + uri.getHost() + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!allowPrivate && isPrivate(address)) {
                throw ClientError.badRequest("host '" + uri.getHost() + "' is a private-network address ("
                        + address.getHostAddress() + "); such targets need webhooks.allowPrivateTargets");
            }
        }
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // shared address space 100.64.0.0/10
    }
}
