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
 */
public record GatewayOptions(String host, int port, Optional<Tls> tls, Duration ackTimeout, int maxConnections,
        int maxInFlightPerConnection, int maxInFlightTotal, int maxPacketBytes, Duration revalidateInterval) {

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
     * The TLS listener.
     *
     * @param port             TCP port, usually 8883
     * @param certPath         server certificate: a PEM file (with {@code keyPath}) or a PKCS#12
     *                         file ({@code .p12}/{@code .pfx}, with {@code keyStorePassword})
     * @param keyPath          PEM private key; empty for PKCS#12
     * @param keyStorePassword PKCS#12 password; empty for PEM
     * @param clientCaPath     PEM file of CAs whose client certificates are accepted; empty to
     *                         accept password authentication only
     * @param clientCertTenant the tenant of devices that authenticate with a client certificate
     */
    public record Tls(int port, String certPath, String keyPath, String keyStorePassword, String clientCaPath,
            String clientCertTenant) {

        public Tls {
            Objects.requireNonNull(certPath, "certPath");
            Objects.requireNonNull(keyPath, "keyPath");
            Objects.requireNonNull(keyStorePassword, "keyStorePassword");
            Objects.requireNonNull(clientCaPath, "clientCaPath");
            Objects.requireNonNull(clientCertTenant, "clientCertTenant");
        }

        public boolean clientCertificates() {
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

    /** Returns the defaults on the given plain port, without TLS. */
    public static GatewayOptions defaults(int port) {
        return new GatewayOptions(DEFAULT_HOST, port, Optional.empty(), DEFAULT_ACK_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION, DEFAULT_MAX_IN_FLIGHT_TOTAL, DEFAULT_MAX_PACKET_BYTES,
                DEFAULT_REVALIDATE_INTERVAL);
    }

    public GatewayOptions withTls(Tls settings) {
        return new GatewayOptions(host, port, Optional.of(settings), ackTimeout, maxConnections, maxInFlightPerConnection,
                maxInFlightTotal, maxPacketBytes, revalidateInterval);
    }

    public GatewayOptions withHost(String newHost) {
        return new GatewayOptions(newHost, port, tls, ackTimeout, maxConnections, maxInFlightPerConnection,
                maxInFlightTotal, maxPacketBytes, revalidateInterval);
    }

    public GatewayOptions withConnectionLimits(int connections, int inFlightPerConnection, int inFlightTotal) {
        return new GatewayOptions(host, port, tls, ackTimeout, connections, inFlightPerConnection, inFlightTotal,
                maxPacketBytes, revalidateInterval);
    }

    public GatewayOptions withTimeouts(Duration newAckTimeout, Duration newRevalidateInterval) {
        return new GatewayOptions(host, port, tls, newAckTimeout, maxConnections, maxInFlightPerConnection,
                maxInFlightTotal, maxPacketBytes, newRevalidateInterval);
    }

    private static void requirePort(int p) {
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + p);
        }
    }
}
