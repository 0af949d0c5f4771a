package org.anju.platform.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.anju.platform.presence.PresenceChange;
import org.anju.platform.presence.PresenceTracker;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.rollup.DirtyHours;
import org.anju.platform.storage.rollup.RollupMarks;
import org.anju.protocol.DataPoint;
import org.anju.protocol.DeviceEvent;

/**
 * Writes one batch in one transaction: data points and events by binary {@code COPY}, then one
 * coalesced state upsert per device, then the batch's presence changes (one statement, see
 * {@link PresenceTracker}). All of ingest's own SQL lives here.
 */
final class BatchWriter {

    private static final String COPY_TELEMETRY = "COPY telemetry (ts, device_id, metric, value) FROM STDIN (FORMAT BINARY)";
    private static final String COPY_EVENTS = "COPY device_events (ts, device_id, kind, payload) FROM STDIN (FORMAT BINARY)";
    // Per key the newer value wins, whatever order batches commit in: when everything a batch brings is at least
    // as new as everything stored (the usual case) plain concatenation gives that; otherwise V17's per-key merge.
    private static final String UPSERT_STATE = """
            INSERT INTO device_state AS s (device_id, last_seen, latest, latest_at, latest_ts, status, status_at, status_ts,
                                           updated_at)
            VALUES (?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?, now())
            ON CONFLICT (device_id) DO UPDATE SET
                last_seen = GREATEST(s.last_seen, EXCLUDED.last_seen),
                latest = CASE WHEN s.latest_ts IS NULL OR coalesce(?::timestamptz, 'infinity') >= s.latest_ts
                              THEN s.latest || EXCLUDED.latest
                              ELSE anju_newer_values(s.latest, s.latest_at, EXCLUDED.latest, EXCLUDED.latest_at) END,
                latest_at = CASE WHEN s.latest_ts IS NULL OR coalesce(?::timestamptz, 'infinity') >= s.latest_ts
                                 THEN s.latest_at || EXCLUDED.latest_at
                                 ELSE anju_newer_values(s.latest_at, s.latest_at, EXCLUDED.latest_at, EXCLUDED.latest_at) END,
                status = CASE WHEN s.status_ts IS NULL OR coalesce(?::timestamptz, 'infinity') >= s.status_ts
                              THEN s.status || EXCLUDED.status
                              ELSE anju_newer_values(s.status, s.status_at, EXCLUDED.status, EXCLUDED.status_at) END,
                status_at = CASE WHEN s.status_ts IS NULL OR coalesce(?::timestamptz, 'infinity') >= s.status_ts
                                 THEN s.status_at || EXCLUDED.status_at
                                 ELSE anju_newer_values(s.status_at, s.status_at, EXCLUDED.status_at, EXCLUDED.status_at) END,
                latest_ts = GREATEST(s.latest_ts, EXCLUDED.latest_ts),
                status_ts = GREATEST(s.status_ts, EXCLUDED.status_ts),
                updated_at = now()""";


    private static final ObjectMapper JSON = new ObjectMapper();

    private final UnitOfWork work;
    private final RollupMarks rollupMarks = new RollupMarks();
    private final PresenceTracker presence;

    BatchWriter(UnitOfWork work, PresenceTracker presence) {
        this.work = work;
        this.presence = presence;
    }

    /** What a committed batch did: its presence changes and the id of its last event (0 when none). */
    record Written(List<PresenceChange> presenceChanges, long lastEventId) {
    }

    /**
     * Writes and commits the batch; on any failure nothing of it is committed. A transaction the
     * database chose as a deadlock victim is written again whole (the unit of work's retry): the
     * lanes lock {@code device_state} rows in one order, but TimescaleDB's creation of a new chunk
     * of {@code device_events} (once a week, and at the first events of a new database) takes a
     * lock in the middle of that order.
     *
     * @return the presence changes it committed, for {@link PresenceTracker#committed}
     * @throws SQLException when the database failed, after the last attempt of a victim
     */
    Written write(Batch batch) throws SQLException {
        return work.inTransactionOrThrow("ingest batch", tx -> {
            Connection c = tx.connection();
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copyTelemetry(copy, batch);
            rollupMarks.write(c, dirtyHours(batch));
            long lastEventId = copyEvents(c, copy, batch);
            upsertState(c, batch.stateUpdates());
            List<PresenceChange> changes = presence.record(c, batch.presenceSignals());
            tx.afterCommit(rollupMarks::committed);
            return new Written(changes, lastEventId);
        });
    }

    private static void copyTelemetry(CopyManager copy, Batch batch) throws SQLException {
        BinaryCopy rows = new BinaryCopy(batch.rows());
        for (Batch.Entry entry : batch.entries()) {
            for (DataPoint p : entry.points()) {
                rows.startRow(4).timestamptz(p.ts()).text(p.deviceId()).text(p.metric()).float8(p.value());
            }
        }
        rows.copyInto(copy, COPY_TELEMETRY);
    }

    /** Returns the device-hours the batch has data for: the rollup job recomputes them (see docs/storage.md). */
    private static DirtyHours dirtyHours(Batch batch) {
        DirtyHours dirty = new DirtyHours();
        batch.entries().forEach(entry -> entry.points().forEach(p -> dirty.add(p.deviceId(), p.ts())));
        return dirty;
    }

    /** Copies the batch's events; returns the id of the last one (this session's last from the sequence), 0 when none. */
    private static long copyEvents(Connection c, CopyManager copy, Batch batch) throws SQLException {
        BinaryCopy rows = new BinaryCopy(batch.entries().size());
        for (Batch.Entry entry : batch.entries()) {
            for (DeviceEvent event : entry.events()) {
                rows.startRow(4).timestamptz(event.ts()).text(entry.deviceId()).text(event.kind()).jsonb(event.payloadJson());
            }
        }
        if (rows.rows() == 0) {
            return 0;
        }
        rows.copyInto(copy, COPY_EVENTS);
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT currval(pg_get_serial_sequence('device_events', 'id'))")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void upsertState(Connection c, Map<String, Batch.StateUpdate> updates) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT_STATE)) {
            for (Map.Entry<String, Batch.StateUpdate> e : updates.entrySet()) {
                Batch.StateUpdate state = e.getValue();
                ObjectNode latest = JSON.createObjectNode();
                ObjectNode latestAt = JSON.createObjectNode();
                state.latest.forEach((metric, point) -> {
                    latest.put(metric, point.value());
                    latestAt.put(metric, point.ts().toEpochMilli());
                });
                ps.setString(1, e.getKey());
                ps.setTimestamp(2, Timestamp.from(state.lastSeen));
                ps.setString(3, latest.toString());
                ps.setString(4, latestAt.toString());
                ps.setTimestamp(5, state.latestTs == null ? null : Timestamp.from(state.latestTs));
                ObjectNode status = JSON.createObjectNode();
                state.status.forEach(status::put);
                ObjectNode statusAt = JSON.createObjectNode();
                state.statusAt.forEach((key, at) -> statusAt.put(key, at.toEpochMilli()));
                ps.setString(6, status.toString());
                ps.setString(7, statusAt.toString());
                ps.setTimestamp(8, timestamp(state.statusAt.values().stream().max(Instant::compareTo)));
                Timestamp oldestValue = timestamp(state.latest.values().stream().map(DataPoint::ts).min(Instant::compareTo));
                Timestamp oldestStatus = timestamp(state.statusAt.values().stream().min(Instant::compareTo));
                ps.setTimestamp(9, oldestValue);
                ps.setTimestamp(10, oldestValue);
                ps.setTimestamp(11, oldestStatus);
                ps.setTimestamp(12, oldestStatus);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Timestamp timestamp(Optional<Instant> instant) {
        return instant.map(Timestamp::from).orElse(null);
    }
}
