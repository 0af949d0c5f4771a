package org.anju.platform.presence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.protocol.DeviceType;

/**
 * All of presence's SQL. Every statement runs in the caller's transaction and changes a row only
 * when its stored state differs ({@code UPDATE … WHERE online … RETURNING}), so a transition is
 * made and reported exactly once however many writers and jobs run.
 */
final class PresenceSql {

    static final String MISSED_HEARTBEATS = "missed_heartbeats";
    static final String DISCONNECTED = "disconnected";
    static final String MESSAGE_RECEIVED = "message_received";
    static final String CONNECTED = "connected";

    /*
     * The batch's rows were locked by ingest's state upsert just before, so these wait on nothing.
     * Back online: any newer sign of life, except one older than the disconnect that took the
     * device offline. Only offline rows are looked at, through the small partial index of V4, so
     * the usual batch (all devices online) costs a few index probes. The type is read only for
     * rows that changed.
     */
    private static final String BACK_ONLINE = """
            UPDATE device_state s
               SET online = true,
                   presence_since = GREATEST(t.at, s.presence_since),
                   presence_reason = t.reason
              FROM unnest(?::text[], ?::timestamptz[], ?::text[]) AS t(device_id, at, reason)
             WHERE s.device_id = t.device_id
               AND NOT s.online
               AND (s.presence_reason IS DISTINCT FROM 'disconnected' OR t.at >= s.presence_since)
            RETURNING s.device_id, (SELECT d.type FROM devices d WHERE d.id = s.device_id), s.online,
                      s.presence_since, s.presence_reason, s.last_seen""";

    /* A disconnect, for types where that counts, when nothing newer was seen. Rare: run only then. */
    private static final String DISCONNECTED_OFFLINE = """
            UPDATE device_state s
               SET online = false,
                   presence_since = GREATEST(t.at, s.presence_since),
                   presence_reason = 'disconnected'
              FROM unnest(?::text[], ?::timestamptz[]) AS t(device_id, at)
             WHERE s.device_id = t.device_id
               AND s.online
               AND s.last_seen <= t.at
               AND (SELECT d.type FROM devices d WHERE d.id = s.device_id) = ANY (?::text[])
            RETURNING s.device_id, (SELECT d.type FROM devices d WHERE d.id = s.device_id), s.online,
                      s.presence_since, s.presence_reason, s.last_seen""";

    /*
     * Overdue: silent for longer than missed × interval (the device's own interval over its type's).
     * Rows are locked in device order and rows another transaction holds are skipped (ingest is
     * writing them, so they are not overdue; a concurrent job has them), which also re-checks the
     * condition on the newest row version. The change takes effect at the deadline, not at the check.
     */
    private static final String MARK_OVERDUE = """
            WITH expect AS (
                SELECT * FROM unnest(?::text[], ?::double precision[], ?::integer[]) AS e(type, interval_s, missed)
            ), due AS (
                SELECT s.device_id, d.type, COALESCE(d.heartbeat_interval_seconds, e.interval_s) AS interval_s, e.missed
                  FROM device_state s
                  JOIN devices d ON d.id = s.device_id
                  JOIN expect e ON e.type = d.type
                 WHERE s.online
                   AND s.last_seen < ?::timestamptz
                       - make_interval(secs => e.missed * COALESCE(d.heartbeat_interval_seconds, e.interval_s))
                 ORDER BY s.device_id
                 LIMIT ?
                   FOR UPDATE OF s SKIP LOCKED
            )
            UPDATE device_state s
               SET online = false,
                   presence_since = s.last_seen + make_interval(secs => due.missed * due.interval_s),
                   presence_reason = 'missed_heartbeats'
              FROM due
             WHERE s.device_id = due.device_id AND s.online
            RETURNING s.device_id, due.type, s.online, s.presence_since, s.presence_reason, s.last_seen,
                      due.interval_s, due.missed""";

    private static final String INSERT_EVENT = """
            INSERT INTO device_events (ts, device_id, kind, payload) VALUES (?, ?, ?, ?::jsonb)""";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PresenceSql() {
    }

    /** A change as stored, with what its event records besides. */
    record Transition(PresenceChange change, Instant lastSeen, Double intervalSeconds, Integer missed) {
    }

    /** Applies the newest signal of each device of an ingest batch. */
    static List<Transition> applySignals(Connection c, Collection<PresenceSignal> signals, Collection<String> disconnectTypes)
            throws SQLException {
        List<String> aliveIds = new ArrayList<>();
        List<String> aliveAt = new ArrayList<>();
        List<String> aliveReasons = new ArrayList<>();
        List<String> goneIds = new ArrayList<>();
        List<String> goneAt = new ArrayList<>();
        for (PresenceSignal signal : signals) {
            if (signal.kind() == PresenceSignal.Kind.DISCONNECTED) {
                goneIds.add(signal.deviceId());
                goneAt.add(signal.at().toString());
            } else {
                aliveIds.add(signal.deviceId());
                aliveAt.add(signal.at().toString());
                aliveReasons.add(signal.kind() == PresenceSignal.Kind.CONNECTED ? CONNECTED : MESSAGE_RECEIVED);
            }
        }
        List<Transition> transitions = new ArrayList<>();
        if (!aliveIds.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(BACK_ONLINE)) {
                ps.setArray(1, c.createArrayOf("text", aliveIds.toArray()));
                ps.setArray(2, c.createArrayOf("timestamptz", aliveAt.toArray()));
                ps.setArray(3, c.createArrayOf("text", aliveReasons.toArray()));
                transitions.addAll(transitions(ps, false));
            }
        }
        if (!goneIds.isEmpty() && !disconnectTypes.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(DISCONNECTED_OFFLINE)) {
                ps.setArray(1, c.createArrayOf("text", goneIds.toArray()));
                ps.setArray(2, c.createArrayOf("timestamptz", goneAt.toArray()));
                ps.setArray(3, c.createArrayOf("text", disconnectTypes.toArray()));
                transitions.addAll(transitions(ps, false));
            }
        }
        return transitions;
    }

    /** Takes up to {@code limit} devices offline that have been silent too long at {@code now}. */
    static List<Transition> markOverdue(Connection c, PresenceSettings settings, Instant now, int limit)
            throws SQLException {
        DeviceType[] types = DeviceType.values();
        String[] names = new String[types.length];
        Double[] intervals = new Double[types.length];
        Integer[] missed = new Integer[types.length];
        for (int i = 0; i < types.length; i++) {
            Expectation e = settings.of(types[i]);
            names[i] = types[i].wireName();
            intervals[i] = e.interval().toMillis() / 1000.0;
            missed[i] = e.missed();
        }
        try (PreparedStatement ps = c.prepareStatement(MARK_OVERDUE)) {
            ps.setArray(1, c.createArrayOf("text", names));
            ps.setArray(2, c.createArrayOf("float8", intervals));
            ps.setArray(3, c.createArrayOf("int4", missed));
            ps.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setInt(5, limit);
            return transitions(ps, true);
        }
    }

    /** Records each transition as an {@code online} or {@code offline} device event. */
    static void insertEvents(Connection c, List<Transition> transitions) throws SQLException {
        if (transitions.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
            for (Transition t : transitions) {
                PresenceChange change = t.change();
                String kind = change.online() ? "online" : "offline";
                ObjectNode payload = JSON.createObjectNode()
                        .put("kind", kind)
                        .put("ts", change.at().toString())
                        .put("reason", change.reason())
                        .put("lastSeen", t.lastSeen().toString());
                if (t.intervalSeconds() != null) {
                    payload.put("intervalSeconds", t.intervalSeconds()).put("missed", t.missed());
                }
                ps.setObject(1, OffsetDateTime.ofInstant(change.at(), ZoneOffset.UTC));
                ps.setString(2, change.deviceId());
                ps.setString(3, kind);
                ps.setString(4, payload.toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<Transition> transitions(PreparedStatement ps, boolean withExpectation) throws SQLException {
        List<Transition> transitions = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                PresenceChange change = new PresenceChange(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        instant(rs, 4), rs.getString(5));
                transitions.add(new Transition(change, instant(rs, 6),
                        withExpectation ? rs.getDouble(7) : null, withExpectation ? rs.getInt(8) : null));
            }
        }
        return transitions;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
