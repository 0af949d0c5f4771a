package org.anju.platform.storage.usage;

import java.time.Instant;
import java.util.List;

/**
 * The storage one community uses, per class of data, and the retention in effect.
 *
 * @param engine        what stores the data (TimescaleDB and its edition, or plain PostgreSQL)
 * @param measuredAt    when these figures were measured
 * @param maxAgeSeconds how long after {@code measuredAt} the same figures are answered
 *                      ({@code limits.storageFiguresMaxAge})
 * @param totalBytes    the sum of the classes' bytes
 */
public record CommunityStorage(String communityId, String engine, Instant measuredAt, long maxAgeSeconds,
        long totalBytes, List<ClassUsage> dataClasses) {

    public CommunityStorage {
        dataClasses = List.copyOf(dataClasses);
    }
}
