package org.anju.platform.fund;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * The SQL of the maintenance fund: {@code fund_settings}, {@code fund_accounts},
 * {@code fund_expenses} and {@code fund_expense_shares}, in the caller's transaction.
 */
final class FundStore {

    /** A household's fund account as stored. */
    record Account(long householdId, String communityId, long areaCenti, long firstDepositFen) {
    }

    /** How many expenses a statement lists. */
    static final int STATEMENT_EXPENSES = 100;

    private static final String EXPENSE_COLUMNS = """
            id, community_id, reference, amount_fen, description, motion_id, emergency, alert_id, recorded_by,
            recorded_at""";

    private FundStore() {
    }

    static void putSettings(UnitOfWork.Tx tx, String communityId, long rate, int percent, String user, Instant now)
            throws SQLException {
        tx.update("""
                INSERT INTO fund_settings (community_id, first_deposit_fen_per_m2, replenishment_percent, updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (community_id) DO UPDATE SET first_deposit_fen_per_m2 = excluded.first_deposit_fen_per_m2,
                    replenishment_percent = excluded.replenishment_percent, updated_by = excluded.updated_by,
                    updated_at = excluded.updated_at""", communityId, rate, percent, user, now);
    }

    /** Reads the community's settings and locks them: every change of the community's fund holds this lock. */
    static Optional<FundViews.Settings> lockSettings(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return tx.one("SELECT community_id, first_deposit_fen_per_m2, replenishment_percent FROM fund_settings"
                + " WHERE community_id = ? FOR UPDATE", FundStore::settings, communityId);
    }

    static Optional<FundViews.Settings> settings(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return tx.one("SELECT community_id, first_deposit_fen_per_m2, replenishment_percent FROM fund_settings"
                + " WHERE community_id = ?", FundStore::settings, communityId);
    }

    /** Opens the household's account; false when it has one. */
    static boolean openAccount(UnitOfWork.Tx tx, long householdId, String communityId, long areaCenti,
            long firstDepositFen, Instant now) throws SQLException {
        return tx.update("""
                INSERT INTO fund_accounts (household_id, community_id, area_centi, first_deposit_fen, opened_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (household_id) DO NOTHING""", householdId, communityId, areaCenti,
                firstDepositFen, now) == 1;
    }

    static Optional<Account> account(UnitOfWork.Tx tx, long householdId) throws SQLException {
        return tx.one("SELECT household_id, community_id, area_centi, first_deposit_fen FROM fund_accounts"
                + " WHERE household_id = ?", FundStore::account, householdId);
    }

    static List<Account> accounts(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return tx.query("SELECT household_id, community_id, area_centi, first_deposit_fen FROM fund_accounts"
                + " WHERE community_id = ? ORDER BY household_id", FundStore::account, communityId);
    }

    /** Records an expense; empty when the community has one with this reference already. */
    static Optional<Long> insertExpense(UnitOfWork.Tx tx, String communityId, ExpenseRequest e, String user,
            Instant now) throws SQLException {
        return tx.one("""
                INSERT INTO fund_expenses (community_id, reference, amount_fen, description, motion_id, emergency,
                                           alert_id, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_id, reference) DO NOTHING RETURNING id""",
                rs -> rs.getLong(1), communityId, e.reference(), e.amountFen(), e.description(), e.motionId(),
                e.emergency() == null ? null : e.emergency().wireName(), e.alertId(), user, now);
    }

    static void insertShares(UnitOfWork.Tx tx, long expenseId, List<FundViews.Share> shares) throws SQLException {
        tx.batch("INSERT INTO fund_expense_shares (expense_id, household_id, amount_fen) VALUES (?, ?, ?)", shares,
                s -> new Object[] {expenseId, s.householdId(), s.amountFen()});
    }

    static Optional<FundViews.Expense> expense(UnitOfWork.Tx tx, String communityId, String reference)
            throws SQLException {
        Optional<FundViews.Expense> found = tx.one("SELECT " + EXPENSE_COLUMNS + " FROM fund_expenses"
                + " WHERE community_id = ? AND reference = ?", rs -> expense(rs, List.of()), communityId, reference);
        return found.isEmpty() ? found : Optional.of(withShares(tx, found.get()));
    }

    static List<FundViews.Expense> expenses(UnitOfWork.Tx tx, String communityId) throws SQLException {
        List<FundViews.Expense> expenses = tx.query("SELECT " + EXPENSE_COLUMNS + " FROM fund_expenses"
                + " WHERE community_id = ? ORDER BY id DESC LIMIT " + STATEMENT_EXPENSES, rs -> expense(rs, List.of()),
                communityId);
        List<FundViews.Expense> full = new java.util.ArrayList<>(expenses.size());
        for (FundViews.Expense e : expenses) {
            full.add(withShares(tx, e));
        }
        return full;
    }

    private static FundViews.Expense withShares(UnitOfWork.Tx tx, FundViews.Expense e) throws SQLException {
        List<FundViews.Share> shares = tx.query("SELECT household_id, amount_fen FROM fund_expense_shares"
                + " WHERE expense_id = ? ORDER BY household_id", rs -> new FundViews.Share(rs.getLong(1), rs.getLong(2)),
                e.id());
        return new FundViews.Expense(e.id(), e.communityId(), e.reference(), e.amountFen(), e.description(),
                e.motionId(), e.emergency(), e.alertId(), e.recordedBy(), e.recordedAt(), shares);
    }

    private static FundViews.Expense expense(ResultSet rs, List<FundViews.Share> shares) throws SQLException {
        return new FundViews.Expense(rs.getLong("id"), rs.getString("community_id"), rs.getString("reference"),
                rs.getLong("amount_fen"), rs.getString("description"), nullableLong(rs, "motion_id"),
                rs.getString("emergency"), nullableLong(rs, "alert_id"), rs.getString("recorded_by"),
                Sql.instant(rs, "recorded_at"), shares);
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static FundViews.Settings settings(ResultSet rs) throws SQLException {
        return new FundViews.Settings(rs.getString(1), rs.getLong(2), rs.getInt(3));
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
    }
}
