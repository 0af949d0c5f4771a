package org.anju.gateway.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the gateway's Kafka output goes, and how long a record may take.
 *
 * @param bootstrapServers Kafka's bootstrap servers, {@code host:port[,host:port…]}
 * @param clientId         the producer's client id (in Kafka's logs and quotas)
 * @param linger           how long the producer waits to fill a batch; each message's PUBACK
 *                         waits at least this long
 * @param deliveryTimeout  how long a record may take until Kafka acknowledges it; after that the
 *                         device is told the message failed
 */
public record KafkaProducerSettings(String bootstrapServers, String clientId, Duration linger, Duration deliveryTimeout) {

    /** The default linger: batches for throughput without a visible delay of the PUBACK. */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(5);
    /** The default delivery timeout: within a device's usual wait for its PUBACK. */
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    public KafkaProducerSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must name at least one host:port");
        }
        if (linger.isNegative() || deliveryTimeout.compareTo(linger.plusSeconds(1)) < 0) {
            throw new IllegalArgumentException("deliveryTimeout must exceed linger by a second: " + deliveryTimeout
                    + " vs " + linger);
        }
    }

    /** Returns settings with the default linger and delivery timeout. */
    public static KafkaProducerSettings of(String bootstrapServers, String clientId) {
        return new KafkaProducerSettings(bootstrapServers, clientId, DEFAULT_LINGER, DEFAULT_DELIVERY_TIMEOUT);
    }
}
