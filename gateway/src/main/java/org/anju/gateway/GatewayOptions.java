package org.anju.gateway;

import java.time.Duration;

/**
 * Settings of the MQTT device endpoint.
 *
 * @param host            the address to listen on
 * @param port            the TCP port; 0 picks a free one (tests)
 * @param maxPayloadBytes the largest PUBLISH payload accepted
 * @param ackTimeout      how long a QoS 1 message may wait for durable storage before the device is
 *                        told it failed
 */
public record GatewayOptions(String host, int port, int maxPayloadBytes, Duration ackTimeout) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 1883;
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(10);

    public GatewayOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive: " + maxPayloadBytes);
        }
        if (ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("ackTimeout must be positive: " + ackTimeout);
        }
    }

    /** Returns the defaults, listening on the given port. */
    public static GatewayOptions defaults(int port) {
        return new GatewayOptions(DEFAULT_HOST, port, DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_ACK_TIMEOUT);
    }
}
