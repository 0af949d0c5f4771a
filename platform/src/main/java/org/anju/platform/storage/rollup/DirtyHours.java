package org.anju.platform.storage.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The (UTC hour, device) pairs one transaction wrote telemetry for. Written into
 * {@code rollup_dirty} in that same transaction, so that the rollup job learns of every committed
 * data point, late or not, without a trigger per row: one statement per batch, one row per
 * distinct pair, a pair already marked costing an index probe and no write.
 * <p>
 * Ingest writes them through {@link RollupMarks}, which skips pairs still marked; bulk loaders
 * and tests may {@link #write} them directly.
 */
public final class DirtyHours {

    private static final String MARK = """
            INSERT INTO rollup_dirty (bucket, device_id)
            SELECT to_timestamp(m.hour), m.device_id FROM unnest(?::bigint[], ?::text[]) AS m(hour, device_id)
            ON CONFLICT DO NOTHING""";
    private static final long HOUR_S = 3600;
    private static final Comparator<Mark> LOCK_ORDER = Comparator.comparingLong(Mark::hour).thenComparing(Mark::deviceId);

    /** One (hour, device) pair; {@code hour} in epoch seconds. */
    record Mark(long hour, String deviceId) {
    }

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
     * Writes every mark on the caller's connection, inside the caller's transaction.
     *
     * @throws SQLException when the statement fails; the caller rolls back with its data
     */
    public void write(Connection c) throws SQLException {
        insert(c, marks);
    }

    Set<Mark> marks() {
        return marks;
    }

    static void insert(Connection c, Collection<Mark> marks) throws SQLException {
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
