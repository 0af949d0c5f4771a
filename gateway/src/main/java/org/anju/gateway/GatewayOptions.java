package org.anju.gateway;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the MQTT device endpoint that are the same for every tenant (per-tenant limits come
 * from {@link TenantLimitsProvider}).
 *
 * @param host                     the address to listen on
 * @param port                     the plain TCP port; 0 picks a free one (tests)
 * @param plainEnabled             whether the plain (unencrypted) port listens at all; false
 *                                 requires {@code tls}
 * @param tls                      the TLS listener, if any
 * @param ackTimeout               how long a QoS 1 message may wait for durable storage before the
 *                                 device is told it failed
 * @param maxConnections           devices connected at once, all tenants together
 * @param maxInFlightPerConnection unacknowledged messages one connection may have before the
 *                                 gateway stops reading from its socket (also announced to MQTT 5
 *                                 clients as Receive Maximum)
 * @param maxInFlightTotal         unacknowledged messages of all connections before every
 *                                 connection stops reading
 * @param maxPacketBytes           the largest packet the decoder accepts at all; larger ones close
 *                                 the connection (tenant payload limits are checked below this)
 * @param revalidateInterval       how often connected devices are checked for revocation
 * @param authThrottle             how failed authentications from one source address slow down
 *                                 and lock it
 */
public record GatewayOptions(String host, int port, boolean plainEnabled, Optional<Tls> tls, Duration ackTimeout,
        int maxConnections, int maxInFlightPerConnection, int maxInFlightTotal, int maxPacketBytes,
        Duration revalidateInterval, AuthThrottle authThrottle) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 1883;
    public static final int DEFAULT_TLS_PORT = 8883;
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 200_000;
    public static final int DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION = 64;
    public static final int DEFAULT_MAX_IN_FLIGHT_TOTAL = 20_000;
    public static final int DEFAULT_MAX_PACKET_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_REVALIDATE_INTERVAL = Duration.ofSeconds(60);

    /**
     * How the gateway answers bad credentials from one source address (IP; IPv6 by its /64): the
     * n-th failure in a row from the address is answered after {@code baseDelay × 2^(n-1)}, at most
     * {@code maxDelay}. After {@code maxFailures} failures of one user name from the address, that
     * user name is locked there for {@code lockDuration}; after {@code maxAddressFailures} failures
     * of any user names, the whole address is. A locked CONNECT is refused at once, without its
     * credentials being checked. Failures are forgotten once there was none for {@code lockDuration}.
     * <p>
     * Why two thresholds: devices of a community often share one address (a NAT uplink), and one
     * device configured with a wrong secret must not lock its neighbours out (smoke detectors
     * among them); guessing one device's secret is locked after {@code maxFailures}, trying many
     * user names after {@code maxAddressFailures}.
     *
     * @param maxFailures        failures of one user name from an address before it is locked
     *                           there; 0 turns throttling off
     * @param maxAddressFailures failures of all user names from an address before the address is
     *                           locked; at least {@code maxFailures}
     * @param baseDelay          the delay of the first failure's answer
     * @param maxDelay           the longest delay of an answer
     * @param lockDuration       how long a lock lasts
     */
    public record AuthThrottle(int maxFailures, int maxAddressFailures, Duration baseDelay, Duration maxDelay,
            Duration lockDuration) {

        public static final int DEFAULT_MAX_FAILURES = 10;
        public static final int DEFAULT_MAX_ADDRESS_FAILURES = 100;
        public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(500);
        public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(10);
        public static final Duration DEFAULT_LOCK_DURATION = Duration.ofMinutes(5);
        public static final AuthThrottle DEFAULTS = new AuthThrottle(DEFAULT_MAX_FAILURES, DEFAULT_MAX_ADDRESS_FAILURES,
                DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY, DEFAULT_LOCK_DURATION);
        /** No delay and no lock. */
        public static final AuthThrottle OFF = new AuthThrottle(0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

        public AuthThrottle {
            Objects.requireNonNull(baseDelay, "baseDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(lockDuration, "lockDuration");
            if (maxFailures < 0 || maxAddressFailures < maxFailures || baseDelay.isNegative()
                    || maxDelay.compareTo(baseDelay) < 0 || lockDuration.isNegative()) {
                throw new IllegalArgumentException("auth throttle: failures and durations must not be negative, "
                        + "maxAddressFailures at least maxFailures, maxDelay at least baseDelay: " + this);
            }
        }

        /** Returns whether failures are throttled at all. */
        public boolean enabled() {
            return maxFailures > 0;
        }
    }

    /**
     * The TLS listener.
     *
     * @param port             TCP port, usually 8883
     * @param certPath         server certificate: a PEM file (with {@code keyPath}) or a PKCS#12
     *                         file ({@code .p12}/{@code .pfx}, with {@code keyStorePassword})
     * @param keyPath          PEM private key; empty for PKCS#12
     * @param keyStorePassword PKCS#12 password; empty for PEM
     * @param clientCaPath     PEM file of CAs whose client certificates authenticate devices of
     *                         {@code clientCertTenant}; empty when only the tenants' own trusted
     *                         CAs (from the registry) are to be used
     * @param clientCertTenant the tenant the CAs of {@code clientCaPath} belong to; required with it
     */
    public record Tls(int port, String certPath, String keyPath, String keyStorePassword, String clientCaPath,
            String clientCertTenant) {

        public Tls {
            Objects.requireNonNull(certPath, "certPath");
            Objects.requireNonNull(keyPath, "keyPath");
            Objects.requireNonNull(keyStorePassword, "keyStorePassword");
            Objects.requireNonNull(clientCaPath, "clientCaPath");
            Objects.requireNonNull(clientCertTenant, "clientCertTenant");
            if (!clientCaPath.isEmpty() && clientCertTenant.isEmpty()) {
                throw new IllegalArgumentException("the CAs of " + clientCaPath + " need the tenant they belong to "
                        + "(clientCertTenant); a user name no longer chooses a certificate's tenant");
            }
        }

        /** Returns whether a CA file of the configuration trusts client certificates. */
        public boolean configuredClientCas() {
            return !clientCaPath.isEmpty();
        }

        @Override
        public String toString() {
            return "Tls[port=" + port + ", certPath=" + certPath + ", keyPath=" + keyPath + ", keyStorePassword="
                    + (keyStorePassword.isEmpty() ? "(empty)" : "***") + ", clientCaPath=" + clientCaPath
                    + ", clientCertTenant=" + clientCertTenant + "]";
        }
    }

    public GatewayOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(authThrottle, "authThrottle");
        if (!plainEnabled && tls.isEmpty()) {
            throw new IllegalArgumentException("the plain port may be turned off only when TLS is configured");
        }
        requirePort(port);
        tls.ifPresent(t -> requirePort(t.port()));
        if (ackTimeout.isNegative() || ackTimeout.isZero() || revalidateInterval.isNegative() || revalidateInterval.isZero()) {
            throw new IllegalArgumentException("durations must be positive: " + ackTimeout + ", " + revalidateInterval);
        }
        if (maxConnections < 1 || maxInFlightPerConnection < 1 || maxInFlightTotal < maxInFlightPerConnection
                || maxPacketBytes < 1024) {
            throw new IllegalArgumentException("connection and in-flight limits must be positive, the total at least "
                    + "the per-connection one, packets at least 1 KiB");
        }
    }

    /**
     * Creates options with the plain port on and the default {@link AuthThrottle} (the settings of
     * earlier versions).
     */
    public GatewayOptions(String host, int port, Optional<Tls> tls, Duration ackTimeout, int maxConnections,
            int maxInFlightPerConnection, int maxInFlightTotal, int maxPacketBytes, Duration revalidateInterval) {
        this(host, port, true, tls, ackTimeout, maxConnections, maxInFlightPerConnection, maxInFlightTotal,
                maxPacketBytes, revalidateInterval, AuthThrottle.DEFAULTS);
    }

    /** Returns the defaults on the given plain port, without TLS. */
    public static GatewayOptions defaults(int port) {
        return new GatewayOptions(DEFAULT_HOST, port, Optional.empty(), DEFAULT_ACK_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION, DEFAULT_MAX_IN_FLIGHT_TOTAL, DEFAULT_MAX_PACKET_BYTES,
                DEFAULT_REVALIDATE_INTERVAL);
    }

    public GatewayOptions withTls(Tls settings) {
        return new GatewayOptions(host, port, plainEnabled, Optional.of(settings), ackTimeout, maxConnections,
                maxInFlightPerConnection, maxInFlightTotal, maxPacketBytes, revalidateInterval, authThrottle);
    }

    public GatewayOptions withHost(String newHost) {
        return new GatewayOptions(newHost, port, plainEnabled, tls, ackTimeout, maxConnections,
                maxInFlightPerConnection, maxInFlightTotal, maxPacketBytes, revalidateInterval, authThrottle);
    }

    public GatewayOptions withConnectionLimits(int connections, int inFlightPerConnection, int inFlightTotal) {
        return new GatewayOptions(host, port, plainEnabled, tls, ackTimeout, connections, inFlightPerConnection,
                inFlightTotal, maxPacketBytes, revalidateInterval, authThrottle);
    }

    public GatewayOptions withTimeouts(Duration newAckTimeout, Duration newRevalidateInterval) {
        return new GatewayOptions(host, port, plainEnabled, tls, newAckTimeout, maxConnections,
                maxInFlightPerConnection, maxInFlightTotal, maxPacketBytes, newRevalidateInterval, authThrottle);
    }

    /** Returns these options with the plain port on or off (off needs TLS). */
    public GatewayOptions withPlainEnabled(boolean enabled) {
        return new GatewayOptions(host, port, enabled, tls, ackTimeout, maxConnections, maxInFlightPerConnection,
                maxInFlightTotal, maxPacketBytes, revalidateInterval, authThrottle);
    }

    public GatewayOptions withAuthThrottle(AuthThrottle throttle) {
        return new GatewayOptions(host, port, plainEnabled, tls, ackTimeout, maxConnections, maxInFlightPerConnection,
                maxInFlightTotal, maxPacketBytes, revalidateInterval, throttle);
    }

    private static void requirePort(int p) {
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + p);
        }
    }
}
