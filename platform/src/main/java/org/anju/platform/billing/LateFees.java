package org.anju.platform.billing;

import java.sql.Date;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.platform.ledger.Fen;
import org.anju.platform.storage.UnitOfWork;

/**
 * Late fees as a run's billable items (stream {@code late_fee}): the run of a month charges the
 * fees that accrued in the month before it on every invoice of the community that was overdue then,
 * at the community's {@code late_fee} tariff in force on that month's first day (daily rate and cap in
 * basis points of the invoice's amount without late fees: late fees bear no late fees). Source id
 * {@code late_fee:<invoiceId>:<YYYY-MM of the accrual month>}, so each month is charged once.
 * <p>
 * The fee of each day is on what was open that day: payments (and refunds, which raise it again)
 * count from their local settlement day ({@link PaidAmounts#payments}), credit notes from their
 * issue day.
 */
public final class LateFees implements BillableSource {

    private final Tariffs tariffs;
    private final BillingSettings settings;
    private final PaidAmounts paid;

    /** @param paid what has been paid against invoices */
    public LateFees(Tariffs tariffs, BillingSettings settings, PaidAmounts paid) {
        this.tariffs = tariffs;
        this.settings = settings;
        this.paid = paid;
    }

    /** Late fees are reported by month, the one {@code from} of {@link #items} names. */
    @Override
    public boolean bySettlement() {
        return false;
    }

    @Override
    public List<BillableItem> items(UnitOfWork.Tx tx, String communityId, Instant from, Instant to) throws SQLException {
        LocalDate until = from.atZone(settings.zone()).toLocalDate();
        YearMonth month = YearMonth.from(until.minusDays(1));
        LocalDate start = month.atDay(1);
        Optional<Tariff.LateFee> rate = tariffs.tariffAt(tx, communityId, Tariff.LateFee.class,
                start.atStartOfDay(settings.zone()).toInstant());
        if (rate.isEmpty() || rate.get().dailyRateBasisPoints() == 0) {
            return List.of();
        }
        record Late(long id, long household, LocalDate dueOn, long baseFen) {
        }
        List<Late> late = tx.query("SELECT i.id, i.household_id, i.due_on, "
                + "sum(l.amount_fen) FILTER (WHERE l.stream <> 'late_fee') FROM invoices i "
                + "JOIN invoice_lines l ON l.invoice_id = i.id WHERE i.community_id = ? AND i.kind = 'invoice' "
                + "AND i.due_on < ? GROUP BY i.id ORDER BY i.id", rs -> new Late(rs.getLong(1), rs.getLong(2),
                        rs.getDate(3).toLocalDate(), rs.getLong(4)), communityId, Date.valueOf(until.minusDays(1)));
        if (late.isEmpty()) {
            return List.of();
        }
        List<Long> ids = late.stream().map(Late::id).toList();
        Map<Long, List<PaidAmounts.Payment>> payments = paid.payments(tx, ids);
        Map<Long, List<LateFeeCalculation.Reduction>> credits = credits(tx, communityId);
        Map<Long, Long> charged = charged(tx, communityId);
        List<BillableItem> items = new ArrayList<>();
        for (Late l : late) {
            List<LateFeeCalculation.Reduction> reductions = new ArrayList<>(credits.getOrDefault(l.id(), List.of()));
            for (PaidAmounts.Payment p : payments.getOrDefault(l.id(), List.of())) {
                reductions.add(new LateFeeCalculation.Reduction(p.at().atZone(settings.zone()).toLocalDate(), p.fen()));
            }
            long cap = Fen.share(l.baseFen(), rate.get().capBasisPoints(), 10_000);
            long fee = LateFeeCalculation.feeFen(l.baseFen(), l.dueOn(), reductions, start, until,
                    rate.get().dailyRateBasisPoints(), cap, charged.getOrDefault(l.id(), 0L));
            if (fee > 0) {
                items.add(new BillableItem(Stream.LATE_FEE, "late_fee:" + l.id() + ":" + month, l.household(), fee,
                        "late fee " + month + " on invoice " + l.id() + " (due " + l.dueOn() + ", "
                                + rate.get().dailyRateBasisPoints() + " bp a day)", from));
            }
        }
        return items;
    }

    /** Credit notes of the community's invoices, from their local issue day. */
    private Map<Long, List<LateFeeCalculation.Reduction>> credits(UnitOfWork.Tx tx, String communityId)
            throws SQLException {
        Map<Long, List<LateFeeCalculation.Reduction>> credits = new HashMap<>();
        for (Object[] row : tx.query("SELECT credits_invoice_id, issued_at, total_fen FROM invoices "
                + "WHERE community_id = ? AND kind = 'credit_note'", rs -> new Object[] {rs.getLong(1),
                        rs.getTimestamp(2).toInstant(), rs.getLong(3)}, communityId)) {
            credits.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add(new LateFeeCalculation.Reduction(
                    ((Instant) row[1]).atZone(settings.zone()).toLocalDate(), (Long) row[2]));
        }
        return credits;
    }

    /** Late fees charged so far per invoice of the community (the cap is of all of them). */
    private static Map<Long, Long> charged(UnitOfWork.Tx tx, String communityId) throws SQLException {
        Map<Long, Long> charged = new HashMap<>();
        for (long[] row : tx.query("SELECT split_part(l.source_id, ':', 2)::bigint, sum(l.amount_fen) "
                + "FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.community_id = ? "
                + "AND i.kind = 'invoice' AND l.stream = 'late_fee' GROUP BY 1", rs -> new long[] {rs.getLong(1),
                        rs.getLong(2)}, communityId)) {
            charged.put(row[0], row[1]);
        }
        return charged;
    }
}
