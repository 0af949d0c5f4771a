package org.anju.platform.billing.settings;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * A community's own billing figures (table {@code community_billing_settings}), read and written
 * in the caller's transaction: the billing run, contracts and the parking derivation ask it for the
 * community they work on.
 */
public final class BillingSettingsStore {

    private BillingSettingsStore() {
    }

    /** Returns the community's own figures; {@link CommunityBillingSettings#NONE} when it has none. */
    public static CommunityBillingSettings of(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return tx.one("SELECT invoice_due_days, common_area_fund_share_percent, non_owner_lease_max_months, "
                + "reminder_days_past_due, plate_min_confidence FROM community_billing_settings WHERE community_id = ?",
                rs -> new CommunityBillingSettings(Sql.integer(rs, "invoice_due_days"),
                        Sql.integer(rs, "common_area_fund_share_percent"), Sql.integer(rs, "non_owner_lease_max_months"),
                        steps(rs.getArray(4)), rs.getBigDecimal(5)), communityId)
                .orElse(CommunityBillingSettings.NONE);
    }

    /** Returns the plate confidence below which the community's reads go to review, else {@code fallback}. */
    public static double plateMinConfidence(UnitOfWork.Tx tx, String communityId, double fallback) throws SQLException {
        BigDecimal own = of(tx, communityId).plateMinConfidence();
        return own == null ? fallback : own.doubleValue();
    }

    /** Replaces the community's own figures (null columns: the defaults). */
    public static void put(UnitOfWork.Tx tx, String communityId, CommunityBillingSettings s, String username)
            throws SQLException {
        tx.update("INSERT INTO community_billing_settings (community_id, invoice_due_days, common_area_fund_share_percent, "
                + "non_owner_lease_max_months, reminder_days_past_due, plate_min_confidence, updated_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_id) DO UPDATE SET "
                + "invoice_due_days = excluded.invoice_due_days, "
                + "common_area_fund_share_percent = excluded.common_area_fund_share_percent, "
                + "non_owner_lease_max_months = excluded.non_owner_lease_max_months, "
                + "reminder_days_past_due = excluded.reminder_days_past_due, "
                + "plate_min_confidence = excluded.plate_min_confidence, updated_at = now(), "
                + "updated_by = excluded.updated_by", communityId, s.invoiceDueDays(), s.commonAreaFundSharePercent(),
                s.nonOwnerLeaseMaxMonths(), s.reminderDaysPastDue() == null ? null
                        : Sql.array(tx.connection(), "int4", s.reminderDaysPastDue()),
                s.plateMinConfidence(), username);
    }

    private static List<Integer> steps(Array array) throws SQLException {
        return array == null ? null : Arrays.stream((Integer[]) array.getArray()).toList();
    }
}
