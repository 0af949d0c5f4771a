package org.anju.platform.parcels;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.anju.platform.billing.Tariff;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/** The derivation's SQL on {@code parcels}, in the caller's transaction. */
final class ParcelStore {

    /** A deposit as the derivation records it; the pickup code and phone as ingest sealed them. */
    record Deposit(String communityId, String deviceId, String compartment, long eventId, Instant at, String courier,
            String trackingNumber, String sealedPickupCode, String recipientHash, Long householdId,
            Tariff.ParcelOverdue fee) {
    }

    private ParcelStore() {
    }

    /** Returns when the parcel waiting in the compartment was deposited, if one waits. */
    static Optional<Instant> waitingSince(UnitOfWork.Tx tx, String deviceId, String compartment) throws SQLException {
        return tx.one("SELECT deposited_at FROM parcels WHERE device_id = ? AND compartment = ? AND state <> 'picked_up' "
                + "FOR UPDATE", rs -> Sql.instant(rs, "deposited_at"), deviceId, compartment);
    }

    /** Inserts a waiting parcel; false when the same deposit is there already. */
    static boolean insert(UnitOfWork.Tx tx, Deposit d) throws SQLException {
        return tx.update("""
                INSERT INTO parcels (community_id, device_id, compartment, deposit_event_id, deposited_at, courier,
                                     tracking_number, pickup_code, recipient_hash, household_id, state, free_until,
                                     period_hours, fee_per_period_fen, cap_fen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                d.communityId(), d.deviceId(), d.compartment(), d.eventId(), d.at(), d.courier(), d.trackingNumber(),
                d.sealedPickupCode(), d.recipientHash(), d.householdId(),
                d.at().plus(Duration.ofHours(d.fee().freeHours())), d.fee().periodHours(), d.fee().feePerPeriodFen(),
                d.fee().capFen()) == 1;
    }

    /**
     * Ends the parcel waiting in the compartment, with its fee (0 within the free period or
     * without the community's tariff); false when none waits.
     *
     * @param eventId the pickup event, null when a new deposit ended it
     * @param settled when the platform settled the fee (the instant billing runs bill it by)
     */
    static boolean pickUp(UnitOfWork.Tx tx, String deviceId, String compartment, Instant at, Long eventId,
            Instant settled) throws SQLException {
        record Open(long id, Instant freeUntil, int periodHours, long feeFen, long capFen) {
        }
        Optional<Open> open = tx.one("SELECT id, free_until, period_hours, fee_per_period_fen, cap_fen "
                + "FROM parcels WHERE device_id = ? AND compartment = ? AND state <> 'picked_up' AND deposited_at <= ? "
                + "FOR UPDATE", rs -> new Open(rs.getLong(1), Sql.instant(rs, "free_until"), rs.getInt(3), rs.getLong(4),
                        rs.getLong(5)), deviceId, compartment, at);
        if (open.isEmpty()) {
            return false;
        }
        Open p = open.get();
        long fee = feeFen(p.freeUntil(), at, p.periodHours(), p.feeFen(), p.capFen());
        tx.update("UPDATE parcels SET state = 'picked_up', picked_up_at = ?, pickup_event_id = ?, fee_fen = ?, "
                + "fee_settled_at = ? WHERE id = ?", at, eventId, fee, settled, p.id());
        return true;
    }

    /** The fee of a parcel stored until {@code until}, by the tariff figures it was deposited under. */
    static long feeFen(Instant freeUntil, Instant until, int periodHours, long feePerPeriodFen, long capFen) {
        return new Tariff.ParcelOverdue(0, periodHours, feePerPeriodFen, capFen).feeFen(Duration.between(freeUntil, until));
    }

    /** Marks the parcel waiting in the compartment overdue; false when none waits. */
    static boolean markOverdue(UnitOfWork.Tx tx, String deviceId, String compartment, Instant at) throws SQLException {
        return tx.update("UPDATE parcels SET state = 'overdue', overdue_at = coalesce(overdue_at, ?) WHERE device_id = ? "
                + "AND compartment = ? AND state <> 'picked_up' AND deposited_at <= ?", at, deviceId, compartment, at) == 1;
    }
}
