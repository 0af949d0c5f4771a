package org.anju.platform.billing;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.anju.platform.storage.UnitOfWork;

/**
 * What terminating a contract implies for its money: the period the termination day falls in is
 * prorated by days ({@link Proration}). Rent is billed in advance by the run of the month a period
 * starts in, so when that period was billed already the household is owed {@code refundFen} back
 * (a credit); when it was not, the run of its month bills only {@code usedFen} (a smaller charge).
 * Later periods are never billed.
 *
 * @param periodIndex  the period the termination falls in, counted from 0
 * @param periodStart  the first day of that period
 * @param periodEnd    the first day after it
 * @param periodFen    the contract's rent of one period
 * @param usedFen      the rent of the days used, {@code [periodStart, terminatedOn)}, half up
 * @param refundFen    {@code periodFen - usedFen}
 * @param periodBilled whether an invoice bills the period already
 */
public record Termination(Contract contract, int periodIndex, LocalDate periodStart, LocalDate periodEnd, long periodFen, long usedFen,
        long refundFen, boolean periodBilled) {

    /** Returns the credit the household is owed: the refund when the period was billed, else 0. */
    public long creditFen() {
        return periodBilled ? refundFen : 0;
    }

    /** Returns what the run of the period's month will bill: the used share when not billed yet, else 0. */
    public long chargeFen() {
        return periodBilled ? 0 : usedFen;
    }

    /** Returns the source id of the rent line that bills (or will bill) the period. */
    public String rentSourceId() {
        return BillingRun.rentSource(contract, periodIndex);
    }

    /** Returns the days of the period from the termination day on, which the household did not use. */
    public long unusedDays() {
        return ChronoUnit.DAYS.between(contract.terminatedOn(), periodEnd);
    }

    /** Returns the days of the period. */
    public long periodDays() {
        return ChronoUnit.DAYS.between(periodStart, periodEnd);
    }

    /** Returns the proration of a terminated contract, reading whether its period was billed in the caller's transaction. */
    static Termination of(UnitOfWork.Tx tx, Contract c) throws SQLException {
        LocalDate on = c.terminatedOn();
        int index = 0;
        while (!Proration.periodStart(c.startsOn(), c.term(), index + 1).isAfter(on)) {
            index++;
        }
        LocalDate start = Proration.periodStart(c.startsOn(), c.term(), index);
        LocalDate end = Proration.periodStart(c.startsOn(), c.term(), index + 1);
        long used = Proration.usedFen(c.periodFen(), start, end, start, on);
        boolean billed = InvoiceStore.billed(tx, Stream.RENT, BillingRun.rentSource(c, index));
        return new Termination(c, index, start, end, c.periodFen(), used, c.periodFen() - used, billed);
    }
}
