package org.anju.platform.registry;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.platform.storage.UnitOfWork;
import org.anju.protocol.DataPoint;

/**
 * Each device's latest state in {@code device_state}, written by ingest in its batch's transaction
 * and read by the alert rules in theirs; the registry owns the table (its presence columns are
 * written through {@link PresenceStates}).
 */
public final class DeviceStates {

    // Per key the newer value wins, whatever order batches commit in: when everything a batch brings is at least
    // as new as everything stored (the usual case) plain concatenation gives that; otherwise V17's per-key merge.
    private static final String UPSERT = """
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

    private DeviceStates() {
    }

    /**
     * What one batch of messages says of a device, coalesced.
     *
     * @param lastSeen when the newest of its messages was received
     * @param latest   the newest data point per metric
     * @param latestTs the measurement time of the newest of them; null when there are none
     * @param status   the newest textual state per key
     * @param statusAt when each of those was measured
     */
    public record Update(String deviceId, Instant lastSeen, Map<String, DataPoint> latest, Instant latestTs,
            Map<String, String> status, Map<String, Instant> statusAt) {
    }

    /**
     * Stores the updates in the caller's transaction (one JDBC batch). Rows are locked in the order
     * of the collection: callers that may run concurrently pass them in one order (by device id).
     */
    public static void record(UnitOfWork.Tx tx, Collection<Update> updates) throws SQLException {
        tx.batch(UPSERT, updates, DeviceStates::parameters);
    }

    /** Returns whether each of the devices is online as stored; devices never heard from are left out. */
    public static Map<String, Boolean> online(UnitOfWork.Tx tx, Collection<String> deviceIds) throws SQLException {
        Map<String, Boolean> online = new HashMap<>();
        tx.query("SELECT device_id, online FROM device_state WHERE device_id = ANY (?)",
                rs -> online.put(rs.getString(1), rs.getBoolean(2)), (Object) deviceIds.toArray(String[]::new));
        return online;
    }

    private static Object[] parameters(Update state) {
        ObjectNode latest = JsonNodeFactory.instance.objectNode();
        ObjectNode latestAt = JsonNodeFactory.instance.objectNode();
        state.latest().forEach((metric, point) -> {
            latest.put(metric, point.value());
            latestAt.put(metric, point.ts().toEpochMilli());
        });
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        state.status().forEach(status::put);
        ObjectNode statusAt = JsonNodeFactory.instance.objectNode();
        state.statusAt().forEach((key, at) -> statusAt.put(key, at.toEpochMilli()));
        Instant oldestValue = state.latest().values().stream().map(DataPoint::ts).min(Instant::compareTo).orElse(null);
        Instant oldestStatus = state.statusAt().values().stream().min(Instant::compareTo).orElse(null);
        Instant newestStatus = state.statusAt().values().stream().max(Instant::compareTo).orElse(null);
        return new Object[] {state.deviceId(), state.lastSeen(), latest.toString(), latestAt.toString(), state.latestTs(),
                status.toString(), statusAt.toString(), newestStatus, oldestValue, oldestValue, oldestStatus,
                oldestStatus};
    }
}
