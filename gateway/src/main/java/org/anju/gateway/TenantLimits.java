package org.anju.gateway;

/**
 * What one tenant's devices may do, enforced by the gateway.
 *
 * @param maxPayloadBytes      the largest PUBLISH payload
 * @param messagesPerSecond    the sustained PUBLISH rate per device (token bucket refill)
 * @param messageBurst         PUBLISH packets a device may send at once (token bucket size)
 * @param maxConnections       devices of the tenant connected at once
 * @param maxTopicLength       the longest topic name, in characters
 */
public record TenantLimits(int maxPayloadBytes, double messagesPerSecond, int messageBurst, int maxConnections,
        int maxTopicLength) {

    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final double DEFAULT_MESSAGES_PER_SECOND = 100;
    public static final int DEFAULT_MESSAGE_BURST = 1000;
    public static final int DEFAULT_MAX_CONNECTIONS = 100_000;
    public static final int DEFAULT_MAX_TOPIC_LENGTH = 256;

    /** Limits that suit a community's devices: a smoke detector speaks twice a day, an elevator once a second. */
    public static final TenantLimits DEFAULTS = new TenantLimits(DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MESSAGES_PER_SECOND,
            DEFAULT_MESSAGE_BURST, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_TOPIC_LENGTH);

    public TenantLimits {
        if (maxPayloadBytes < 1 || messagesPerSecond <= 0 || messageBurst < 1 || maxConnections < 1
                || maxTopicLength < 1) {
            throw new IllegalArgumentException("tenant limits must be positive: " + this);
        }
    }
}
