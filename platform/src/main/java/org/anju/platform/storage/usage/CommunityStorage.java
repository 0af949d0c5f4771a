package org.anju.platform.storage.usage;

import java.time.Instant;
import java.util.List;

/**
 * The storage one community uses, per class of data, and the retention in effect.
 *
 * @param engine     what stores the data (TimescaleDB and its edition, or plain PostgreSQL)
 * @param totalBytes the sum of the classes' bytes
 */
public record CommunityStorage(String communityId, String engine, Instant measuredAt, long totalBytes,
        List<ClassUsage> dataClasses) {

    public CommunityStorage {
        dataClasses = List.copyOf(dataClasses);
    }
}
