package org.anju.platform.ingest;

import java.util.Objects;

/**
 * Where a message read from Kafka is in its topic: what the duplicate fence ({@link KafkaFence})
 * records.
 */
record KafkaPosition(String topic, int partition, long offset) {

    KafkaPosition {
        Objects.requireNonNull(topic, "topic");
    }
}
