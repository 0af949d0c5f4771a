package org.anju.platform.presence;

import java.sql.SQLException;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.platform.registry.PresenceStates;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.series.SeriesWriter;
import org.anju.protocol.DeviceEvent;

/**
 * Records transitions the registry made ({@link PresenceStates}) as {@code online} and
 * {@code offline} device events (storage's {@link SeriesWriter}), in the same transaction, and
 * tells them as {@link PresenceChange}s.
 */
final class PresenceRecords {

    private PresenceRecords() {
    }

    /** Appends one event per transition and returns the changes. */
    static List<PresenceChange> recorded(UnitOfWork.Tx tx, List<PresenceStates.Transition> transitions)
            throws SQLException {
        if (transitions.isEmpty()) {
            return List.of();
        }
        SeriesWriter.copyEvents(tx, transitions.stream().map(PresenceRecords::event).toList(), transitions.size());
        return transitions.stream()
                .map(t -> new PresenceChange(t.deviceId(), t.type(), t.online(), t.since(), t.reason()))
                .toList();
    }

    private static DeviceEvent event(PresenceStates.Transition t) {
        String kind = t.online() ? "online" : "offline";
        ObjectNode payload = JsonNodeFactory.instance.objectNode()
                .put("kind", kind)
                .put("ts", t.since().toString())
                .put("reason", t.reason())
                .put("lastSeen", t.lastSeen().toString());
        if (t.intervalSeconds() != null) {
            payload.put("intervalSeconds", t.intervalSeconds()).put("missed", t.missed());
        }
        return new DeviceEvent(t.since(), t.deviceId(), kind, payload.toString());
    }
}
