package org.anju.platform.storage.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The (UTC hour, device) pairs one ingest transaction wrote telemetry for: written into
 * {@code rollup_dirty} in that same transaction, so that the rollup job learns of every committed
 * data point, late or not, without a trigger per row.
 * <p>
 * One statement per batch, one row per distinct pair; a pair already marked costs an index probe
 * and no write ({@code ON CONFLICT DO NOTHING}). The rollup job takes the marks under a table lock
 * that waits for writing transactions to commit (see {@link Rollups}), so a mark is never consumed
 * before the rows it stands for are visible.
 */
public final class DirtyHours {

    private static final String MARK = """
            INSERT INTO rollup_dirty (bucket, device_id)
            SELECT to_timestamp(m.hour), m.device_id FROM unnest(?::bigint[], ?::text[]) AS m(hour, device_id)
            ON CONFLICT DO NOTHING""";
    private static final long HOUR_S = 3600;

    private record Mark(long hour, String deviceId) {
    }

    private static final Comparator<Mark> LOCK_ORDER = Comparator.comparingLong(Mark::hour).thenComparing(Mark::deviceId);

    private final Set<Mark> marks = new HashSet<>();

    /** Notes that the device has a data point at {@code ts}. */
    public void add(String deviceId, Instant ts) {
        marks.add(new Mark(Math.floorDiv(ts.getEpochSecond(), HOUR_S) * HOUR_S, deviceId));
    }

    /** Returns how many distinct pairs were noted. */
    public int size() {
        return marks.size();
    }

    /**
     * Writes the marks on the caller's connection, inside the caller's transaction.
     *
     * @throws SQLException when the statement fails; the caller rolls back with its data
     */
    public void write(Connection c) throws SQLException {
        if (marks.isEmpty()) {
            return;
        }
        // a fixed order, so that concurrent writers lock index entries in the same order
        List<Mark> sorted = marks.stream().sorted(LOCK_ORDER).toList();
        try (PreparedStatement ps = c.prepareStatement(MARK)) {
            ps.setArray(1, c.createArrayOf("bigint", sorted.stream().map(Mark::hour).toArray()));
            ps.setArray(2, c.createArrayOf("text", sorted.stream().map(Mark::deviceId).toArray()));
            ps.executeUpdate();
        }
    }
}
