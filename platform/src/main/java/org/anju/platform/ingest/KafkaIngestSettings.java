package org.anju.platform.ingest;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The platform as a member of a Kafka consumer group reading Eclipse Hono's northbound topics.
 *
 * @param bootstrapServers Kafka's bootstrap servers, {@code host:port[,host:port…]}
 * @param groupId          the consumer group every platform instance of one deployment joins
 * @param topics           the topics read: Hono's telemetry and event topics of every tenant
 * @param maxPollRecords   records fetched per poll; Hono's consumer keeps at most 1.5 times as
 *                         many in processing (not yet stored) before it pauses fetching
 * @param retryMaxDelay    the longest wait before a record the database could not take now is
 *                         offered again (the wait doubles from 50 ms)
 * @param sessionTimeout   how long the group waits for a member that stopped answering (a
 *                         crashed instance) before its partitions go to the others
 */
public record KafkaIngestSettings(String bootstrapServers, String groupId, Pattern topics, int maxPollRecords,
        Duration retryMaxDelay, Duration sessionTimeout) {

    /** Hono's telemetry and event topics of every tenant. */
    public static final Pattern HONO_TOPICS = Pattern.compile("hono\\.(telemetry|event)\\..+");

    public KafkaIngestSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(retryMaxDelay, "retryMaxDelay");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        if (bootstrapServers.isBlank() || groupId.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers and groupId must not be empty");
        }
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords must be at least 1, got " + maxPollRecords);
        }
    }
}
