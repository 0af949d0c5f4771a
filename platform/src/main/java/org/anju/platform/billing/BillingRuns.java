package org.anju.platform.billing;

import java.sql.SQLException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

import org.anju.error.ServerError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.storage.UnitOfWork;

/**
 * Monthly billing runs: per community and month, one invoice per household with lines for rent
 * (contract periods starting in the month, prorated when the contract ends within the period),
 * property fees (private area × the tariff), and the billable items of the other streams; each
 * invoice posted to the ledger (receivable against revenue, the fund's share of common-area rent
 * to fund income).
 * <p>
 * A run is one transaction per community and month, so a crash leaves all of it or none. It takes
 * a transaction advisory lock of the community and month and records itself, so a second run, or
 * a concurrent one, changes nothing and answers {@link RunResult#alreadyRun()}.
 */
public interface BillingRuns {

    /** Returns the runs over the request or job pool's unit of work. */
    static BillingRuns create(UnitOfWork work, Tariffs tariffs, Contracts contracts, Ledger ledger,
            List<BillableSource> sources, BillingSettings settings, Clock clock) {
        return create(work, tariffs, contracts, ledger, sources, settings, clock, FundIncome.KEEP);
    }

    /**
     * Returns the runs as {@link #create(UnitOfWork, Tariffs, Contracts, Ledger, List, BillingSettings, Clock)}
     * that also allocate the fund's share of common-area rent ({@code fund}) in each run's transaction.
     */
    static BillingRuns create(UnitOfWork work, Tariffs tariffs, Contracts contracts, Ledger ledger,
            List<BillableSource> sources, BillingSettings settings, Clock clock, FundIncome fund) {
        return new BillingRun(work, tariffs, contracts, ledger, sources, settings, clock, fund);
    }

    /**
     * Bills the community for the month, or answers what the earlier run did.
     *
     * @throws ServerError 503 when the database failed (nothing of the run is kept)
     */
    RunResult run(String communityId, YearMonth period);

    /**
     * Bills the community for the month as {@link #run(String, YearMonth)} and, when this call bills
     * it, writes {@code audit} about {@code billing-run:{community}:{YYYY-MM}} (with the community,
     * the invoices and the total) in the run's transaction: who ran it is known exactly when it ran.
     *
     * @throws ServerError 503 when the database failed (nothing of the run is kept)
     */
    RunResult run(String communityId, YearMonth period, AuditEntry audit);

    /** Returns the community's invoices of the month with their lines, by household, in the caller's transaction. */
    List<Invoice> invoices(UnitOfWork.Tx tx, String communityId, YearMonth period) throws SQLException;
}
