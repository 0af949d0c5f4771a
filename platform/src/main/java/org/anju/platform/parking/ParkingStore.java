package org.anju.platform.parking;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;
import org.anju.protocol.catalogue.camera.LaneDirection;

/**
 * All SQL of the derivation's tables (cursor, waiting entries, visits, review items), written a
 * whole batch per statement ({@code unnest} of arrays), in the caller's transaction.
 */
final class ParkingStore {

    /** An entry that waits for its exit, with its community. */
    record Waiting(String communityId, GateRead entry) {
    }

    /** A visit to store; {@code sourceKey} makes it unique. */
    record NewVisit(String communityId, String sourceKey, String plate, String carPark, Instant entryTs,
            String entryGate, Instant exitTs, String exitGate, Long householdId, String exemption, long amountFen,
            String note) {
    }

    /** A review item to store, with its evidence as JSON. */
    record NewReview(String communityId, ReviewReason reason, String plate, Instant ts, String evidence) {
    }

    private ParkingStore() {
    }

    /** Returns the waiting entries of the (community, plate) pairs, and every one waiting since {@code expiredAt} or before. */
    static List<Waiting> waiting(UnitOfWork.Tx tx, List<String> communities, List<String> plates, Instant expiredAt)
            throws SQLException {
        Connection c = tx.connection();
        return tx.query("""
                SELECT o.community_id, o.event_id, o.device_id, o.car_park, o.ts, o.plate, o.gate_id, o.confidence
                  FROM parking_open_entries o
                 WHERE (o.community_id, o.plate) IN (SELECT * FROM unnest(?::text[], ?::text[])) OR o.ts <= ?""",
                rs -> new Waiting(rs.getString(1), new GateRead(rs.getLong(2), rs.getString(3), rs.getString(4),
                        Sql.instant(rs, "ts"), rs.getString(6), LaneDirection.IN, rs.getString(7), rs.getDouble(8))),
                Sql.array(c, "text", communities), Sql.array(c, "text", plates), expiredAt);
    }

    /** Removes the waiting entries (by community and event) that were paired, replaced or expired. */
    static void removeWaiting(UnitOfWork.Tx tx, List<Waiting> closed) throws SQLException {
        if (closed.isEmpty()) {
            return;
        }
        Connection c = tx.connection();
        tx.update("DELETE FROM parking_open_entries o USING unnest(?::text[], ?::int8[]) AS x(community_id, event_id) "
                + "WHERE o.community_id = x.community_id AND o.event_id = x.event_id",
                Sql.column(c, "text", closed, Waiting::communityId), Sql.column(c, "int8", closed, w -> w.entry().eventId()));
    }

    /** Stores entries that now wait for their exit. */
    static void addWaiting(UnitOfWork.Tx tx, List<Waiting> opened) throws SQLException {
        if (opened.isEmpty()) {
            return;
        }
        Connection c = tx.connection();
        tx.update("""
                INSERT INTO parking_open_entries (community_id, plate, event_id, device_id, car_park, gate_id, ts, confidence)
                SELECT * FROM unnest(?::text[], ?::text[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                                     ?::float8[])""",
                Sql.column(c, "text", opened, Waiting::communityId), Sql.column(c, "text", opened, w -> w.entry().plate()),
                Sql.column(c, "int8", opened, w -> w.entry().eventId()), Sql.column(c, "text", opened, w -> w.entry().deviceId()),
                Sql.column(c, "text", opened, w -> w.entry().carPark()), Sql.column(c, "text", opened, w -> w.entry().gateId()),
                Sql.column(c, "timestamptz", opened, w -> w.entry().ts()),
                Sql.column(c, "float8", opened, w -> w.entry().confidence()));
    }

    /** Stores visits; one whose source key exists already is left as it is. Returns the ids of the new ones. */
    static List<Long> addVisits(UnitOfWork.Tx tx, List<NewVisit> visits) throws SQLException {
        if (visits.isEmpty()) {
            return List.of();
        }
        Connection c = tx.connection();
        return tx.query("""
                INSERT INTO parking_visits (community_id, source_key, plate, car_park, entry_ts, entry_gate, exit_ts,
                                            exit_gate, household_id, exemption, amount_fen, note)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],
                                     ?::timestamptz[], ?::text[], ?::int8[], ?::text[], ?::int8[], ?::text[])
                ON CONFLICT (source_key) DO NOTHING RETURNING id""", rs -> rs.getLong(1),
                Sql.column(c, "text", visits, NewVisit::communityId), Sql.column(c, "text", visits, NewVisit::sourceKey),
                Sql.column(c, "text", visits, NewVisit::plate), Sql.column(c, "text", visits, NewVisit::carPark),
                Sql.column(c, "timestamptz", visits, NewVisit::entryTs), Sql.column(c, "text", visits, NewVisit::entryGate),
                Sql.column(c, "timestamptz", visits, NewVisit::exitTs), Sql.column(c, "text", visits, NewVisit::exitGate),
                Sql.column(c, "int8", visits, NewVisit::householdId), Sql.column(c, "text", visits, NewVisit::exemption),
                Sql.column(c, "int8", visits, NewVisit::amountFen), Sql.column(c, "text", visits, NewVisit::note));
    }

    /** Stores review items, open. */
    static void addReviews(UnitOfWork.Tx tx, List<NewReview> reviews) throws SQLException {
        if (reviews.isEmpty()) {
            return;
        }
        Connection c = tx.connection();
        tx.update("""
                INSERT INTO parking_reviews (community_id, reason, plate, ts, evidence)
                SELECT c, r, p, t, e::jsonb FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
                       AS x(c, r, p, t, e)""",
                Sql.column(c, "text", reviews, NewReview::communityId),
                Sql.column(c, "text", reviews, r -> r.reason().wireName()), Sql.column(c, "text", reviews, NewReview::plate),
                Sql.column(c, "timestamptz", reviews, NewReview::ts), Sql.column(c, "text", reviews, NewReview::evidence));
    }

}
