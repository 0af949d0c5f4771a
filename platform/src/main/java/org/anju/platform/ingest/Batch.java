package org.anju.platform.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.vertx.core.Promise;

import org.anju.platform.presence.PresenceSignal;
import org.anju.protocol.DataPoint;
import org.anju.protocol.DeviceEvent;
import org.anju.protocol.DeviceType;

/**
 * Messages written together in one transaction, and the device state they leave behind,
 * coalesced to one update per device.
 */
final class Batch {

    /**
     * One accepted message waiting to be written; {@code type} is null for connection notices,
     * {@code presence} is what it says of the device's presence, {@code position} where it was in
     * Kafka (null when the in-process gateway handed it over).
     */
    record Entry(String deviceId, DeviceType type, Instant receivedAt, List<DataPoint> points,
            List<DeviceEvent> events, Map<String, String> status, PresenceSignal.Kind presence, Promise<Void> stored,
            KafkaPosition position) {

        /** An entry the in-process gateway handed over. */
        Entry(String deviceId, DeviceType type, Instant receivedAt, List<DataPoint> points, List<DeviceEvent> events,
                Map<String, String> status, PresenceSignal.Kind presence, Promise<Void> stored) {
            this(deviceId, type, receivedAt, points, events, status, presence, stored, null);
        }

        // an entry is itself, never equal to another with the same content: the fence leaves out instances
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        int rows() {
            return points.size() + events.size();
        }

        /** When the message says it was measured: its data points' or events' time, else when it was received. */
        Instant measuredAt() {
            if (!points.isEmpty()) {
                return points.get(0).ts();
            }
            return events.isEmpty() ? receivedAt : events.get(0).ts();
        }

        CommittedMessage committed() {
            return new CommittedMessage(deviceId, type, receivedAt, points, events, status);
        }
    }

    /** The state one device is left in by this batch. */
    static final class StateUpdate {
        Instant lastSeen;
        Instant latestTs;
        final Map<String, DataPoint> latest = new TreeMap<>();
        final Map<String, String> status = new TreeMap<>();
        /** When each status value was measured, so that a back-dated or overtaken message does not replace a newer one. */
        final Map<String, Instant> statusAt = new TreeMap<>();
        /** What the newest message says of presence (of equal receive times, the later queued). */
        PresenceSignal.Kind presence;

        void add(Entry entry) {
            if (lastSeen == null || !entry.receivedAt().isBefore(lastSeen)) {
                lastSeen = entry.receivedAt();
                presence = entry.presence();
            }
            Instant measuredAt = entry.measuredAt();
            entry.status().forEach((key, value) -> {
                Instant known = statusAt.get(key);
                if (known == null || !measuredAt.isBefore(known)) {
                    status.put(key, value);
                    statusAt.put(key, measuredAt);
                }
            });
            for (DataPoint point : entry.points()) {
                DataPoint known = latest.get(point.metric());
                if (known == null || !point.ts().isBefore(known.ts())) {
                    latest.put(point.metric(), point);
                }
                if (latestTs == null || point.ts().isAfter(latestTs)) {
                    latestTs = point.ts();
                }
            }
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private int rows;
    private Map<String, StateUpdate> stateUpdates;

    void add(Entry entry) {
        entries.add(entry);
        rows += entry.rows();
        stateUpdates = null;
    }

    int rows() {
        return rows;
    }

    List<Entry> entries() {
        return entries;
    }

    /** Returns the state update per device, ordered by device id (a stable lock order). */
    Map<String, StateUpdate> stateUpdates() {
        if (stateUpdates == null) {
            stateUpdates = new TreeMap<>();
            for (Entry entry : entries) {
                stateUpdates.computeIfAbsent(entry.deviceId(), id -> new StateUpdate()).add(entry);
            }
        }
        return stateUpdates;
    }

    /** Returns the newest presence signal per device, ordered by device id. */
    List<PresenceSignal> presenceSignals() {
        List<PresenceSignal> signals = new ArrayList<>();
        stateUpdates().forEach((deviceId, state) -> signals.add(new PresenceSignal(deviceId, state.lastSeen, state.presence)));
        return signals;
    }
}
