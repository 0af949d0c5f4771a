package org.anju.platform.alerts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anju.platform.ingest.CommittedMessage;
import org.anju.platform.storage.Sql;
import org.anju.protocol.DeviceEvent;
import org.anju.protocol.DeviceType;

/**
 * How far the alert rules have applied device events, kept in {@code alert_rule_progress} in the
 * transaction that applies them, and the replay of what came after it when the rules start. One
 * ingest lane writes the devices' events, so their ids commit in order; it tells each batch's last
 * id (its session's last from the sequence) and the rules apply batches in that order, so every
 * event up to the mark has been applied. All SQL of the mark is here.
 */
final class EventProgress {

    /** Events read per replayed batch. */
    static final int REPLAY_BATCH = 1000;

    /** Creates the mark at the newest event on first use (history is not replayed); returns the newest event id. */
    long start(Connection c) throws SQLException {
        Sql.update(c, """
                INSERT INTO alert_rule_progress (last_event_id) SELECT coalesce(max(id), 0) FROM device_events
                ON CONFLICT (id) DO NOTHING""");
        return Sql.one(c, "SELECT coalesce(max(id), 0) FROM device_events", rs -> rs.getLong(1)).orElse(0L);
    }

    /** Moves the mark to {@code lastEventId}, the last event of what was applied; nothing when null. */
    void advance(Connection c, Long lastEventId) throws SQLException {
        if (lastEventId != null) {
            Sql.update(c, "UPDATE alert_rule_progress SET last_event_id = greatest(last_event_id, ?)", lastEventId);
        }
    }

    /** A page of events to replay and the id of its last one. */
    record Replay(List<CommittedMessage> messages, long lastEventId) {
    }

    /** Returns the next events after the mark, up to {@code until}, as messages of their devices' types; null when none are left. */
    Replay next(Connection c, long until) throws SQLException {
        long mark = Sql.one(c, "SELECT last_event_id FROM alert_rule_progress", rs -> rs.getLong(1)).orElse(until);
        List<Object[]> rows = Sql.query(c, """
                SELECT e.id, e.ts, e.device_id, e.kind, e.payload::text, d.type
                  FROM device_events e JOIN devices d ON d.id = e.device_id
                 WHERE e.id > ? AND e.id <= ? ORDER BY e.id LIMIT ?""",
                rs -> new Object[] {rs.getLong(1), Sql.instant(rs, "ts"), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)}, mark, until, REPLAY_BATCH);
        if (rows.isEmpty()) {
            return null;
        }
        List<CommittedMessage> messages = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Instant ts = (Instant) r[1];
            String deviceId = (String) r[2];
            DeviceType type = DeviceType.fromWireName((String) r[5]).orElse(null);
            if (type != null) {
                messages.add(new CommittedMessage(deviceId, type, ts, List.of(),
                        List.of(new DeviceEvent(ts, deviceId, (String) r[3], (String) r[4])), Map.of()));
            }
        }
        return new Replay(messages, (Long) rows.getLast()[0]);
    }
}
