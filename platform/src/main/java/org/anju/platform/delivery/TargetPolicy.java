package org.anju.platform.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import org.anju.error.ClientError;

/**
 * Which receivers deliveries may go to: {@code http} and {@code https} URLs only, and, unless
 * private targets are allowed, no address in a {@linkplain SpecialAddresses special-purpose range}
 * (loopback, private, link-local cloud metadata, shared, reserved, multicast …), so that a
 * subscription cannot be used to probe the internal network.
 * <p>
 * A host is resolved once per check and refused when any of its addresses is refused; the
 * {@link Target} then names the one checked address that the request must connect to, so that a
 * name answering differently on the next lookup (DNS rebinding) cannot lead the connection
 * elsewhere. Hosts are checked when a subscription is made and again before every attempt.
 */
public final class TargetPolicy {

    static final int MAX_URL_LENGTH = 2000;

    /** Resolves host names: the system's resolver, or a test's own. */
    @FunctionalInterface
    public interface HostResolver {

        /**
         * Returns every address of the host (an address literal is its own address).
         *
         * @throws UnknownHostException when the host does not resolve
         */
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * A receiver URL with the checked address to connect to; the URL's host still names the
     * receiver in the Host header, TLS SNI and certificate verification.
     */
    public record Target(URI uri, InetAddress address) {

        /** Returns whether the receiver is reached over TLS. */
        public boolean https() {
            return uri.getScheme().equalsIgnoreCase("https");
        }

        /** Returns the port, the scheme's default when the URL gives none. */
        public int port() {
            return uri.getPort() > 0 ? uri.getPort() : https() ? 443 : 80;
        }

        /** Returns the host name as written in the URL, without the brackets of an IPv6 literal. */
        public String host() {
            String host = uri.getHost();
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        }

        /** Returns the path and query to request, {@code /} when the URL has no path. */
        public String requestUri() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    private final boolean allowPrivate;
    private final HostResolver resolver;

    /** Creates a policy that resolves with the system's resolver. */
    public TargetPolicy(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    public TargetPolicy(boolean allowPrivate, HostResolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
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
     * Resolves the URL's host once and checks every address it has. Blocks on name resolution.
     *
     * @return the URL with the first address, the one to connect to
     * @throws ClientError 400 when the host does not resolve or any of its addresses is refused
     */
    public Target resolve(URI uri) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            addresses = new InetAddress[0];
        }
        if (addresses == null || addresses.length == 0) {
            throw ClientError.badRequest("host '" + uri.getHost() + "' does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                Optional<String> refusal = SpecialAddresses.refusal(address);
                if (refusal.isPresent()) {
                    // the range, not the address: a refusal must not turn into a lookup service for internal names
                    throw ClientError.badRequest("host '" + uri.getHost() + "' resolves to a " + refusal.get()
                            + " address; such receivers need webhooks.allowPrivateTargets");
                }
            }
        }
        return new Target(uri, addresses[0]);
    }
}
