package org.anju.platform.storage.retention;

import java.util.Map;

/**
 * What one retention run removed, per data class.
 *
 * @param chunksDropped TimescaleDB chunks dropped whole (always 0 on plain PostgreSQL)
 * @param rowsDeleted   rows removed by range deletes (rows in dropped chunks are not counted)
 */
public record RetentionRun(Map<DataClass, Integer> chunksDropped, Map<DataClass, Long> rowsDeleted) {

    public RetentionRun {
        chunksDropped = Map.copyOf(chunksDropped);
        rowsDeleted = Map.copyOf(rowsDeleted);
    }

    public int chunksDropped(DataClass dataClass) {
        return chunksDropped.getOrDefault(dataClass, 0);
    }

    public long rowsDeleted(DataClass dataClass) {
        return rowsDeleted.getOrDefault(dataClass, 0L);
    }
}
