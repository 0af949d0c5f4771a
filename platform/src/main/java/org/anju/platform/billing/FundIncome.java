package org.anju.platform.billing;

import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ClientError;
import org.anju.platform.fund.MaintenanceFund;
import org.anju.platform.ledger.Account;
import org.anju.platform.storage.UnitOfWork;

/**
 * Where a billing run sends the fund's share of common-area rent once it has credited it to the
 * community's {@code fund_income}: into the households' maintenance fund accounts by area
 * ({@code fund.MaintenanceFund.allocateIncome}), in the run's transaction; and where a credit note
 * of such rent takes back what {@code fund_income} no longer holds ({@link #reverse}).
 */
@FunctionalInterface
public interface FundIncome {

    /**
     * Takes {@code amountFen} of allocated income back from the households' fund accounts into
     * {@code to} (a credit note of common-area rent the fund no longer holds in {@code fund_income});
     * the same key again posts nothing. Without a fund nothing was allocated: nothing to take back.
     */
    default void reverse(UnitOfWork.Tx tx, Account to, long amountFen, String key, String description)
            throws SQLException {
    }

    /** Leaves the share in {@code fund_income} (a run without the fund wired). */
    FundIncome KEEP = (tx, from, amountFen, key, description) -> {
    };

    /**
     * Moves {@code amountFen} out of {@code from} into the households' fund accounts; the same key
     * again posts nothing.
     */
    void allocate(UnitOfWork.Tx tx, Account from, long amountFen, String key, String description) throws SQLException;

    /**
     * Allocates (and takes back) through the maintenance fund; a community without fund settings or
     * accounts (the fund answers 409 before it writes anything) leaves the share in {@code fund_income}.
     */
    static FundIncome of(MaintenanceFund fund) {
        Logger log = LoggerFactory.getLogger(FundIncome.class);
        return new FundIncome() {
            @Override
            public void allocate(UnitOfWork.Tx tx, Account from, long amountFen, String key, String description)
                    throws SQLException {
                orLeave(() -> fund.allocateIncome(tx, from, amountFen, key, description), from, amountFen, key);
            }

            @Override
            public void reverse(UnitOfWork.Tx tx, Account to, long amountFen, String key, String description)
                    throws SQLException {
                orLeave(() -> fund.reverseIncome(tx, to, amountFen, key, description), to, amountFen, key);
            }

            /** Moves the share; on the fund's 409 leaves it in fund_income (nothing was written). */
            private void orLeave(Move move, Account income, long amountFen, String key) throws SQLException {
                try {
                    move.run();
                } catch (ClientError e) {
                    if (e.code() != ClientError.CONFLICT) {
                        throw e;
                    }
                    log.warn("fund share left in fund_income [community: {}, amount: {} fen, key: {}]: {}",
                            income.communityId(), amountFen, key, e.getMessage());
                }
            }
        };
    }

    /** A move of fund income that may answer the fund's 409. */
    @FunctionalInterface
    interface Move {

        /** Moves it. */
        void run() throws SQLException;
    }
}
