package org.anju.platform.parcels;

import java.sql.SQLException;

import org.anju.platform.storage.UnitOfWork;

/**
 * Whether a community bills parcel overdue fees (table {@code community_parcel_settings}), in the
 * caller's transaction. Off unless the property turns it on: a resident is never charged for a
 * parcel by default. The free period and the fee themselves are the community's
 * {@code parcel_overdue} tariff (docs/parcels.md).
 */
final class ParcelSettings {

    private ParcelSettings() {
    }

    /** Returns whether the community bills overdue fees. */
    static boolean feeEnabled(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return tx.one("SELECT overdue_fee_enabled FROM community_parcel_settings WHERE community_id = ?",
                rs -> rs.getBoolean(1), communityId).orElse(false);
    }

    /** Turns the community's overdue fees on or off. */
    static void putFeeEnabled(UnitOfWork.Tx tx, String communityId, boolean enabled, String username)
            throws SQLException {
        tx.update("INSERT INTO community_parcel_settings (community_id, overdue_fee_enabled, updated_by) VALUES (?, ?, ?) "
                + "ON CONFLICT (community_id) DO UPDATE SET overdue_fee_enabled = excluded.overdue_fee_enabled, "
                + "updated_at = now(), updated_by = excluded.updated_by", communityId, enabled, username);
    }
}
