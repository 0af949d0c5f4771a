package org.anju.platform.alerts;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anju.platform.ingest.CommittedMessage;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.history.EventLog;
import org.anju.platform.storage.history.EventRecord;
import org.anju.protocol.DeviceEvent;
import org.anju.protocol.DeviceType;

/**
 * How far the alert rules have applied device events, kept in {@code alert_rule_progress} in the
 * transaction that applies them, and the replay of what came after it when the rules start. One
 * ingest lane writes the devices' events, so their ids commit in order; it tells each batch's last
 * id (its session's last from the sequence) and the rules apply batches in that order, so every
 * event up to the mark has been applied. All SQL of the mark is here; the events come from
 * storage's {@link EventLog}, their devices' types from the registry.
 */
final class EventProgress {

    /** Events read per replayed batch. */
    static final int REPLAY_BATCH = 1000;

    /** Creates the mark at the newest event on first use (history is not replayed); returns the newest event id. */
    long start(UnitOfWork.Tx tx) throws SQLException {
        long newest = EventLog.newestId(tx);
        tx.update("INSERT INTO alert_rule_progress (last_event_id) VALUES (?) ON CONFLICT (id) DO NOTHING", newest);
        return newest;
    }

    /** Moves the mark to {@code lastEventId}, the last event of what was applied; nothing when null. */
    void advance(UnitOfWork.Tx tx, Long lastEventId) throws SQLException {
        if (lastEventId != null) {
            tx.update("UPDATE alert_rule_progress SET last_event_id = greatest(last_event_id, ?)", lastEventId);
        }
    }

    /** A page of events to replay and the id of its last one. */
    record Replay(List<CommittedMessage> messages, long lastEventId) {
    }

    /**
     * Returns the next events after the mark, up to {@code until}, as messages of their devices'
     * types (events of devices no longer registered are skipped); null when none are left.
     */
    Replay next(UnitOfWork.Tx tx, long until) throws SQLException {
        long mark = tx.one("SELECT last_event_id FROM alert_rule_progress", rs -> rs.getLong(1)).orElse(until);
        List<EventRecord> events = EventLog.after(tx, mark, until, REPLAY_BATCH);
        if (events.isEmpty()) {
            return null;
        }
        Map<String, String> types = Devices.types(tx, events.stream().map(EventRecord::deviceId).distinct().toList());
        List<CommittedMessage> messages = new ArrayList<>(events.size());
        for (EventRecord e : events) {
            DeviceType type = DeviceType.fromWireName(types.getOrDefault(e.deviceId(), "")).orElse(null);
            if (type != null) {
                messages.add(new CommittedMessage(e.deviceId(), type, e.ts(), List.of(),
                        List.of(new DeviceEvent(e.ts(), e.deviceId(), e.kind(), e.payload())), Map.of()));
            }
        }
        return new Replay(messages, events.getLast().id());
    }
}
