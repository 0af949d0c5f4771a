package org.anju.platform.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import org.anju.platform.storage.UnitOfWork;

/**
 * The stored presence of devices ({@code device_state.online}, {@code presence_since},
 * {@code presence_reason}): the statements the presence tracker and job run in their transactions.
 * Each changes a row only when its stored state differs ({@code UPDATE … WHERE online …
 * RETURNING}), so a transition is made and reported exactly once however many writers and jobs run.
 */
public final class PresenceStates {

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

    private PresenceStates() {
    }

    /** A sign of life (or a disconnect) of a device, received at {@code at}, with the reason it would be recorded with. */
    public record Sign(String deviceId, Instant at, String reason) {
    }

    /** How often a type of device reports, and how many reports it may miss before it counts as offline. */
    public record Expectation(String type, double intervalSeconds, int missed) {
    }

    /**
     * A transition as stored.
     *
     * @param since           when it took effect
     * @param lastSeen        when the device last sent something
     * @param intervalSeconds the expectation it missed (transitions by silence only), else null
     * @param missed          how many reports it missed (transitions by silence only), else null
     */
    public record Transition(String deviceId, String type, boolean online, Instant since, String reason,
            Instant lastSeen, Double intervalSeconds, Integer missed) {
    }

    /** Brings the offline devices among the signs back online, unless a sign is older than the disconnect that took it offline. */
    public static List<Transition> backOnline(UnitOfWork.Tx tx, List<Sign> signs) throws SQLException {
        if (signs.isEmpty()) {
            return List.of();
        }
        return tx.query(BACK_ONLINE, rs -> transition(rs, false), ids(signs), times(tx, signs),
                signs.stream().map(Sign::reason).toArray(String[]::new));
    }

    /** Takes the devices of the disconnects offline, for the types given, when nothing newer was seen of them. */
    public static List<Transition> disconnected(UnitOfWork.Tx tx, List<Sign> disconnects, Collection<String> types)
            throws SQLException {
        if (disconnects.isEmpty() || types.isEmpty()) {
            return List.of();
        }
        return tx.query(DISCONNECTED_OFFLINE, rs -> transition(rs, false), ids(disconnects), times(tx, disconnects),
                types.toArray(String[]::new));
    }

    /** Takes up to {@code limit} devices offline that have been silent for longer than their type's expectation at {@code now}. */
    public static List<Transition> markOverdue(UnitOfWork.Tx tx, List<Expectation> expectations, Instant now, int limit)
            throws SQLException {
        return tx.query(MARK_OVERDUE, rs -> transition(rs, true),
                expectations.stream().map(Expectation::type).toArray(String[]::new),
                tx.connection().createArrayOf("float8", expectations.stream().map(Expectation::intervalSeconds).toArray()),
                tx.connection().createArrayOf("int4", expectations.stream().map(Expectation::missed).toArray()),
                OffsetDateTime.ofInstant(now, ZoneOffset.UTC), limit);
    }

    private static String[] ids(List<Sign> signs) {
        return signs.stream().map(Sign::deviceId).toArray(String[]::new);
    }

    private static java.sql.Array times(UnitOfWork.Tx tx, List<Sign> signs) throws SQLException {
        return tx.connection().createArrayOf("timestamptz", signs.stream().map(s -> s.at().toString()).toArray());
    }

    private static Transition transition(ResultSet rs, boolean withExpectation) throws SQLException {
        return new Transition(rs.getString(1), rs.getString(2), rs.getBoolean(3), instant(rs, 4), rs.getString(5),
                instant(rs, 6), withExpectation ? rs.getDouble(7) : null, withExpectation ? rs.getInt(8) : null);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
